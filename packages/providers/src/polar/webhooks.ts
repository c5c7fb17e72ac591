import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderClientConfig, WebhookOutcome, WebhookRequest, WebhookVerifier } from '@syncwell/core';
import { polarWebhookPayload } from './schemas.js';

const SIGNATURE_HEADER = 'polar-webhook-signature';

/**
 * Polar signs events with hex HMAC-SHA256(signature_secret_key, raw body). The creation `PING`
 * is unsigned (the secret does not exist yet when Polar sends it); answering it changes nothing.
 */
export class PolarWebhookVerifier implements WebhookVerifier {
  constructor(private readonly config: ProviderClientConfig) {}

  verify(request: WebhookRequest): WebhookOutcome {
    if (request.method !== 'POST') return { kind: 'rejected', reason: 'Polar webhooks are POSTs' };
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { kind: 'rejected', reason: 'body is not JSON' };
    }
    const parsed = polarWebhookPayload.safeParse(json);
    if (!parsed.success) return { kind: 'rejected', reason: 'not a Polar webhook payload' };
    if (parsed.data.event === 'PING') return { kind: 'handshake', status: 200, body: {} };

    const secret = this.config.webhookSigningSecret;
    if (secret === undefined) return { kind: 'rejected', reason: 'no signing secret configured' };
    if (!signatureMatches(request.headers[SIGNATURE_HEADER], secret, request.rawBody)) {
      return { kind: 'rejected', reason: 'signature mismatch' };
    }
    const { event, user_id: userId, entity_id: entityId } = parsed.data;
    if (userId === undefined) return { kind: 'rejected', reason: 'event without user_id' };
    // Only exercises are synced; other event types are acknowledged and ignored.
    if (event !== 'EXERCISE') return { kind: 'events', events: [] };
    return {
      kind: 'events',
      events: [
        {
          externalUserId: userId,
          dataType: 'workout',
          action: 'create',
          ...(entityId === undefined ? {} : { objectId: entityId }),
        },
      ],
    };
  }
}

export function polarSignature(secret: string, rawBody: Uint8Array): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

function signatureMatches(given: string | undefined, secret: string, rawBody: Uint8Array): boolean {
  if (given === undefined || !/^[0-9a-f]+$/i.test(given.trim())) return false;
  const expected = Buffer.from(polarSignature(secret, rawBody), 'hex');
  const actual = Buffer.from(given.trim(), 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
