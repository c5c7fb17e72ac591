import { timingSafeEqual } from 'node:crypto';
import type { ProviderClientConfig, WebhookOutcome, WebhookRequest, WebhookVerifier } from '@syncwell/core';
import { stravaWebhookEvent } from './schemas.js';

/**
 * Strava push events are unsigned; the only secret is the `hub.verify_token` we chose when
 * subscribing, checked on the GET handshake. Events carry ids only, never data.
 */
export class StravaWebhookVerifier implements WebhookVerifier {
  constructor(private readonly config: ProviderClientConfig) {}

  verify(request: WebhookRequest): WebhookOutcome {
    return request.method === 'GET' ? this.handshake(request) : this.event(request);
  }

  private handshake(request: WebhookRequest): WebhookOutcome {
    const expected = this.config.webhookVerifyToken;
    const challenge = request.query['hub.challenge'];
    if (request.query['hub.mode'] !== 'subscribe' || challenge === undefined) {
      return { kind: 'rejected', reason: 'not a subscription handshake' };
    }
    if (expected === undefined || !sameSecret(request.query['hub.verify_token'] ?? '', expected)) {
      return { kind: 'rejected', reason: 'verify token mismatch' };
    }
    return { kind: 'handshake', status: 200, body: { 'hub.challenge': challenge } };
  }

  private event(request: WebhookRequest): WebhookOutcome {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { kind: 'rejected', reason: 'body is not JSON' };
    }
    const parsed = stravaWebhookEvent.safeParse(json);
    if (!parsed.success) return { kind: 'rejected', reason: 'not a Strava event' };
    const event = parsed.data;
    const externalUserId = event.owner_id;
    if (event.object_type === 'activity') {
      return {
        kind: 'events',
        events: [
          { externalUserId, dataType: 'workout', action: event.aspect_type, objectId: event.object_id },
        ],
      };
    }
    // Athlete events: only deauthorisation matters; profile changes carry nothing we sync.
    const authorized = event.updates?.['authorized'];
    if (authorized === 'false' || authorized === false) {
      return { kind: 'events', events: [{ externalUserId, dataType: null, action: 'deauthorize' }] };
    }
    return { kind: 'events', events: [] };
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
