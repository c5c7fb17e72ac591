import { systemClock } from '@syncwell/core';
import type { ChannelAdapter, SendResult } from '../channel-port.js';
import { classifyHttpStatus, payloadFields, retryAfterMs } from '../channel-port.js';
import { signStandardWebhook } from './standard-webhooks-signature.js';

export interface WebhookConfig {
  readonly url: string;
  /** `whsec_` + base64 of at least 24 random bytes. */
  readonly secret: string;
}

/**
 * An outgoing webhook for self-hosters (Home Assistant, ntfy bridges, chat bots), signed per
 * Standard Webhooks: `webhook-id` (stable across retries of one delivery, for the receiver to
 * dedupe), `webhook-timestamp` (seconds) and `webhook-signature`. Body:
 * `{ "type": "notification.<kind>", "timestamp", "data": { userId, kind, code, title, body, url, ids } }`.
 */
export function createWebhookChannel(
  config: WebhookConfig,
  deps: { readonly fetch?: typeof fetch; readonly now?: () => Date } = {},
): ChannelAdapter {
  const fetchFn = deps.fetch ?? fetch;
  const now = deps.now ?? systemClock.now;
  return {
    channel: 'webhook',
    async send(message, target, context): Promise<SendResult> {
      const at = now();
      const timestamp = Math.floor(at.getTime() / 1000);
      const id = `msg_${context.deliveryId}`;
      const body = JSON.stringify({
        type: `notification.${message.notice.kind}`,
        timestamp: at.toISOString(),
        data: { userId: target.userId, ...payloadFields(message) },
      });
      let response: Response;
      try {
        response = await fetchFn(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signStandardWebhook(config.secret, id, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        return { result: 'retry', outcome: 'network_error' };
      }
      await response.body?.cancel();
      return classifyHttpStatus(
        response.status,
        retryAfterMs(response.headers.get('retry-after'), at.getTime()),
      );
    },
  };
}
