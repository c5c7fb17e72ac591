import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  DataType,
  ProviderClientConfig,
  WebhookOutcome,
  WebhookRequest,
  WebhookVerifier,
} from '@syncwell/core';
import { ouraWebhookEvent } from './schemas.js';

/** Oura webhook `data_type` → the canonical types a sync of it refreshes. */
const DATA_TYPES: Readonly<Record<string, readonly DataType[]>> = {
  workout: ['workout'],
  daily_activity: ['daily_activity'],
  // HRV is read out of sleep documents.
  sleep: ['sleep', 'hrv'],
  daily_spo2: ['spo2'],
};

/**
 * Oura's two webhook requests. The subscription handshake is a GET with `verification_token` and
 * `challenge`: the token must be the one we chose (`webhookVerifyToken`) and the answer echoes
 * `{"challenge": ...}`. Events are POSTs signed with `x-oura-signature`: upper-case hex
 * HMAC-SHA256 keyed with our client secret over `x-oura-timestamp` + the raw body ([S] only).
 * The timestamp's format is not documented, so no freshness window is applied; a replayed event
 * only triggers one more idempotent sync.
 */
export class OuraWebhookVerifier implements WebhookVerifier {
  constructor(private readonly config: ProviderClientConfig) {}

  verify(request: WebhookRequest): WebhookOutcome {
    if (request.method === 'GET') return this.handshake(request);
    const timestamp = request.headers['x-oura-timestamp'];
    if (timestamp === undefined || timestamp === '')
      return { kind: 'rejected', reason: 'no x-oura-timestamp' };
    if (
      !signatureMatches(
        request.headers['x-oura-signature'],
        this.config.clientSecret,
        timestamp,
        request.rawBody,
      )
    ) {
      return { kind: 'rejected', reason: 'signature mismatch' };
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { kind: 'rejected', reason: 'body is not JSON' };
    }
    const parsed = ouraWebhookEvent.safeParse(json);
    if (!parsed.success) return { kind: 'rejected', reason: 'not an Oura webhook event' };
    const { user_id: userId, data_type: dataType, event_type: action, object_id: objectId } = parsed.data;
    // Types we do not sync (readiness, tags, ...) are acknowledged and ignored.
    const types = DATA_TYPES[dataType] ?? [];
    return {
      kind: 'events',
      events: types.map((type) => ({
        externalUserId: userId,
        dataType: type,
        action,
        ...(objectId === undefined ? {} : { objectId }),
      })),
    };
  }

  private handshake(request: WebhookRequest): WebhookOutcome {
    const expected = this.config.webhookVerifyToken;
    const given = request.query.verification_token;
    const challenge = request.query.challenge;
    if (expected === undefined) return { kind: 'rejected', reason: 'no verification token configured' };
    if (given === undefined || challenge === undefined || !sameText(given, expected)) {
      return { kind: 'rejected', reason: 'verification token mismatch' };
    }
    return { kind: 'handshake', status: 200, body: { challenge } };
  }
}

/** Upper-case hex HMAC-SHA256(client secret, timestamp + raw body). */
export function ouraSignature(clientSecret: string, timestamp: string, rawBody: Uint8Array): string {
  return createHmac('sha256', clientSecret).update(timestamp).update(rawBody).digest('hex').toUpperCase();
}

function signatureMatches(
  given: string | undefined,
  secret: string,
  timestamp: string,
  body: Uint8Array,
): boolean {
  if (given === undefined || !/^[0-9a-f]{64}$/i.test(given.trim())) return false;
  const expected = Buffer.from(ouraSignature(secret, timestamp, body), 'hex');
  return timingSafeEqual(Buffer.from(given.trim(), 'hex'), expected);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
