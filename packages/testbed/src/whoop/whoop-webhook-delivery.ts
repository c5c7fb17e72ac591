import { createHmac, randomUUID } from 'node:crypto';
import type { WhoopState } from './whoop-state.js';

const DELIVERY_TIMEOUT_MS = 5_000;

/** `X-WHOOP-Signature`: base64(HMAC-SHA256(client_secret, timestamp + raw body)). */
export function whoopWebhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('base64');
}

/**
 * Posts a v2 notify-only event (`{user_id, id, type, trace_id}`) to the URL set in the
 * dashboard, signed with the app's client secret. Retries `webhookRetries` times on a non-2xx
 * answer (WHOOP's policy is undocumented [U]).
 */
export async function deliverWhoopEvent(
  state: WhoopState,
  userId: number,
  id: string | number,
  type: string,
): Promise<void> {
  const url = state.webhookUrl;
  if (url === undefined) return;
  const body = JSON.stringify({ user_id: userId, id, type, trace_id: randomUUID() });
  const log = { type, body, outcomes: [] as (number | string)[] };
  state.deliveries.push(log);
  for (let attempt = 0; attempt <= state.config.webhookRetries; attempt++) {
    const timestamp = String(state.config.nowMs());
    const outcome = await post(url, body, {
      'content-type': 'application/json',
      'X-WHOOP-Signature': whoopWebhookSignature(state.config.clientSecret, timestamp, body),
      'X-WHOOP-Signature-Timestamp': timestamp,
    });
    log.outcomes.push(outcome);
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) return;
  }
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
