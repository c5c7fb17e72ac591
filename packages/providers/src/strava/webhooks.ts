import { timingSafeEqual } from 'node:crypto';
import { epochMs, systemClock } from '@syncwell/core';
import type { ProviderClientConfig, WebhookOutcome, WebhookRequest, WebhookVerifier } from '@syncwell/core';
import { z } from 'zod';
import { joinUrl } from '../http/basic-auth.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { readJsonAs } from '../http/json-body.js';
import { stravaWebhookEvent } from './schemas.js';

/** How long the app's subscription id, once looked up, is trusted before asking Strava again. */
const SUBSCRIPTION_TTL_MS = 10 * 60_000;
const subscriptionList = z.array(z.looseObject({ id: z.union([z.number(), z.string()]) }));

/**
 * Strava push events are unsigned; the only secret is the `hub.verify_token` we chose when
 * subscribing, checked on the GET handshake. Events carry ids only, never data.
 */
export class StravaWebhookVerifier implements WebhookVerifier {
  private known: { ids: ReadonlySet<string>; until: number } | null = null;

  constructor(
    private readonly config: ProviderClientConfig,
    /** For `ownsSubscription`; without it no subscription id counts as ours. */
    private readonly http?: ProviderHttpClient,
    private readonly now: () => number = () => epochMs(systemClock),
  ) {}

  /**
   * Anyone can POST an event naming any athlete, and Strava signs nothing, so a lifecycle event
   * is first matched against the app's own push subscription (`GET /push_subscriptions`, app
   * credentials, cached for ten minutes): an event without our `subscription_id` is not Strava's.
   */
  async ownsSubscription(subscriptionId: string | undefined): Promise<boolean> {
    if (subscriptionId === undefined || this.http === undefined) return false;
    if (this.known === null || this.known.until <= this.now()) {
      const url = joinUrl(this.config.baseUrls.api, '/push_subscriptions');
      // Strava's documented call carries the app credentials in the query (a GET has no body);
      // the HTTP layer logs only the method and path, never the query.
      url.searchParams.set('client_id', this.config.clientId);
      url.searchParams.set('client_secret', this.config.clientSecret);
      const reply = await this.http.send({ method: 'GET', url });
      const ids = readJsonAs(reply, subscriptionList, 'Strava push subscriptions').map((s) => String(s.id));
      this.known = { ids: new Set(ids), until: this.now() + SUBSCRIPTION_TTL_MS };
    }
    return this.known.ids.has(subscriptionId);
  }

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
      const subscriptionId = event.subscription_id;
      return {
        kind: 'events',
        events: [
          {
            externalUserId,
            dataType: null,
            action: 'deauthorize',
            ...(subscriptionId === undefined ? {} : { subscriptionId }),
          },
        ],
      };
    }
    return { kind: 'events', events: [] };
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
