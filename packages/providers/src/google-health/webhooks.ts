import { timingSafeEqual } from 'node:crypto';
import type {
  DataType,
  ProviderClientConfig,
  WebhookEvent,
  WebhookOutcome,
  WebhookRequest,
  WebhookVerifier,
} from '@syncwell/core';
import { z } from 'zod';
import { googleNotification } from './schemas.js';

/** Google data types whose notifications trigger a sync, and the canonical type they feed. */
const NOTIFIED_TYPES: Readonly<Record<string, DataType>> = {
  exercise: 'workout',
  sleep: 'sleep',
  steps: 'daily_activity',
  'heart-rate': 'heart_rate',
  weight: 'body_measurement',
  'body-fat': 'body_measurement',
};

const verification = z.object({ type: z.literal('verification') });

/**
 * Project-level subscriber notifications. Google sends back, in `Authorization`, the bearer
 * secret configured on the subscriber (`config.webhookVerifyToken` here); nothing signs the body,
 * so the secret is the whole proof. Verification is a `POST {"type":"verification"}` sent once
 * with the secret (answer 2xx) and once without (answer 4xx) [S]. Notifications are a JSON array
 * of `{data:{healthUserId, dataType, operation, intervals}}` and carry no health values.
 */
export class GoogleHealthWebhookVerifier implements WebhookVerifier {
  constructor(private readonly config: ProviderClientConfig) {}

  verify(request: WebhookRequest): WebhookOutcome {
    if (request.method !== 'POST') return { kind: 'rejected', reason: 'Google notifications are POSTs' };
    const secret = this.config.webhookVerifyToken;
    if (secret === undefined) return { kind: 'rejected', reason: 'no subscriber secret configured' };
    if (!bearerMatches(request.headers.authorization, secret)) {
      return { kind: 'rejected', reason: 'missing or wrong bearer secret' };
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { kind: 'rejected', reason: 'body is not JSON' };
    }
    if (verification.safeParse(json).success) return { kind: 'handshake', status: 200, body: {} };
    const parsed = z.array(googleNotification).safeParse(Array.isArray(json) ? json : [json]);
    if (!parsed.success) return { kind: 'rejected', reason: 'not a Google Health notification' };
    const events: WebhookEvent[] = [];
    for (const { data } of parsed.data) {
      const dataType = NOTIFIED_TYPES[data.dataType];
      if (dataType === undefined) continue;
      // UPSERT does not say whether the points are new; either way the targeted sync re-reads them.
      events.push({
        externalUserId: data.healthUserId,
        dataType,
        action: data.operation === 'DELETE' ? 'delete' : 'create',
      });
    }
    return { kind: 'events', events };
  }
}

function bearerMatches(header: string | undefined, secret: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
