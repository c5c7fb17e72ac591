import { createHmac } from 'node:crypto';
import type { OuraState } from './oura-state.js';

const DELIVERY_TIMEOUT_MS = 5_000;

/** Upper-case hex HMAC-SHA256(client secret, timestamp + body) ([S]: open-source receivers). */
export function ouraWebhookSignature(clientSecret: string, timestamp: string, body: string): string {
  return createHmac('sha256', clientSecret)
    .update(timestamp + body)
    .digest('hex')
    .toUpperCase();
}

/**
 * The subscription handshake: `GET callback?verification_token=&challenge=`; the receiver must
 * answer 200 with `{"challenge": <the same value>}` or the subscription is not created.
 */
export async function verifyCallback(
  url: string,
  verificationToken: string,
  challenge: string,
): Promise<boolean> {
  const target = new URL(url);
  target.searchParams.set('verification_token', verificationToken);
  target.searchParams.set('challenge', challenge);
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    if (response.status !== 200) return false;
    const body = (await response.json()) as { challenge?: unknown };
    return body.challenge === challenge;
  } catch {
    return false;
  }
}

/**
 * Notify-only: `{event_type, data_type, object_id, event_time, user_id}` to every live (unexpired)
 * subscription for that data and event type, for users who granted our app access. Oura sends
 * these about 30 s after the user's app syncs; `delayMs` models that (tests use 0). The timestamp
 * header's format is undocumented; epoch seconds here ([U]).
 */
export async function deliverOuraEvent(
  state: OuraState,
  event: { userId: string; dataType: string; eventType: 'create' | 'update' | 'delete'; objectId: string },
  delayMs: number,
): Promise<void> {
  if (!state.connectedUsers.has(event.userId)) return;
  const now = state.config.nowMs();
  const targets = [...state.subscriptions.values()].filter(
    (s) => s.dataType === event.dataType && s.eventType === event.eventType && s.expirationMs > now,
  );
  if (targets.length === 0) return;
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const body = JSON.stringify({
    event_type: event.eventType,
    data_type: event.dataType,
    object_id: event.objectId,
    event_time: new Date(state.config.nowMs()).toISOString(),
    user_id: event.userId,
  });
  const timestamp = String(Math.floor(state.config.nowMs() / 1000));
  for (const subscription of targets) {
    let outcome: number | string;
    try {
      const response = await fetch(subscription.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-oura-timestamp': timestamp,
          'x-oura-signature': ouraWebhookSignature(state.config.clientSecret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.body?.cancel();
      outcome = response.status;
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    state.deliveries.push({ body, outcome });
  }
}
