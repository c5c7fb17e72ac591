import { systemClock } from '@syncwell/core';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  DataType,
  ProviderClientConfig,
  WebhookEvent,
  WebhookOutcome,
  WebhookRequest,
  WebhookVerifier,
} from '@syncwell/core';
import { whoopWebhookPayload } from './schemas.js';

const SIGNATURE = 'x-whoop-signature';
const TIMESTAMP = 'x-whoop-signature-timestamp';
/** Replays older than this are refused; WHOOP's timestamp is in milliseconds. */
const MAX_SKEW_MS = 5 * 60_000;

/** Which canonical type an event touches; recovery carries the day's resting HR. */
const EVENT_TYPES: Readonly<Record<string, DataType>> = {
  workout: 'workout',
  sleep: 'sleep',
  recovery: 'daily_activity',
};

/**
 * WHOOP webhooks (configured in the Developer Dashboard, no API and no handshake): notify-only
 * v2 bodies `{user_id, id, type, trace_id}`, signed with
 * `X-WHOOP-Signature = base64(HMAC-SHA256(client_secret, timestamp + raw body))` and
 * `X-WHOOP-Signature-Timestamp` (ms). `*.updated` covers creation and updates alike.
 */
export class WhoopWebhookVerifier implements WebhookVerifier {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly now: () => Date = systemClock.now,
  ) {}

  verify(request: WebhookRequest): WebhookOutcome {
    if (request.method !== 'POST') return { kind: 'rejected', reason: 'WHOOP webhooks are POSTs' };
    const timestamp = request.headers[TIMESTAMP]?.trim();
    const signature = request.headers[SIGNATURE]?.trim();
    if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) {
      return { kind: 'rejected', reason: 'missing signature headers' };
    }
    if (Math.abs(this.now().getTime() - Number(timestamp)) > MAX_SKEW_MS) {
      return { kind: 'rejected', reason: 'stale signature timestamp' };
    }
    if (!signatureMatches(signature, whoopSignature(this.config.clientSecret, timestamp, request.rawBody))) {
      return { kind: 'rejected', reason: 'signature mismatch' };
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { kind: 'rejected', reason: 'body is not JSON' };
    }
    const parsed = whoopWebhookPayload.safeParse(json);
    if (!parsed.success) return { kind: 'rejected', reason: 'not a WHOOP webhook payload' };
    const [kind, verb] = parsed.data.type.split('.');
    const dataType = kind === undefined ? undefined : EVENT_TYPES[kind];
    // Unknown event types are acknowledged and ignored, so WHOOP does not retry them.
    if (dataType === undefined || (verb !== 'updated' && verb !== 'deleted'))
      return { kind: 'events', events: [] };
    const event: WebhookEvent = {
      externalUserId: parsed.data.user_id,
      dataType,
      action: verb === 'deleted' ? 'delete' : 'update',
      objectId: parsed.data.id,
    };
    return { kind: 'events', events: [event] };
  }
}

export function whoopSignature(secret: string, timestamp: string, rawBody: Uint8Array): string {
  return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

function signatureMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
