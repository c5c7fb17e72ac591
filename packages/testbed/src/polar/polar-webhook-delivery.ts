import { createHmac } from 'node:crypto';
import type { StoredExercise } from './polar-exercise-json.js';
import type { PolarState } from './polar-state.js';

const DELIVERY_TIMEOUT_MS = 5_000;

/** Hex HMAC-SHA256 of the raw body with the webhook's `signature_secret_key`. */
export function polarSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The creation handshake: an unsigned PING that must get 200. Returns the receiver's status. */
export async function pingWebhook(url: string, nowMs: number): Promise<number | string> {
  const body = JSON.stringify({ event: 'PING', timestamp: new Date(nowMs).toISOString() });
  return post(url, body, { 'content-type': 'application/json' });
}

/**
 * Announces a new exercise when a webhook is active, subscribed to EXERCISE, and the owner is
 * registered with our client (Polar only notifies about registered users). Notify-only: the
 * payload carries the id and URL, never the data.
 */
export async function deliverExerciseEvent(state: PolarState, exercise: StoredExercise): Promise<void> {
  const webhook = state.webhook;
  if (webhook?.active !== true || !webhook.events.includes('EXERCISE')) return;
  if (!state.registrations.has(exercise.athleteId)) return;
  const body = JSON.stringify({
    event: 'EXERCISE',
    user_id: exercise.athleteId,
    entity_id: exercise.id,
    timestamp: new Date(state.config.nowMs()).toISOString(),
    url: `${state.apiUrl}/v3/exercises/${exercise.id}`,
  });
  const outcome = await post(webhook.url, body, {
    'content-type': 'application/json',
    'Polar-Webhook-Signature': polarSignature(webhook.secret, body),
    'Polar-Webhook-Event': 'EXERCISE',
  });
  state.deliveries.push({ event: 'EXERCISE', entityId: exercise.id, body, outcome });
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number | string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
