import webpush from 'web-push';
import type { ChannelAdapter, SendResult } from '../channel-port.js';
import { classifyHttpStatus, payloadFields, retryAfterMs } from '../channel-port.js';

export interface WebPushConfig {
  /** `mailto:` or `https:` contact the push service may use (RFC 8292). */
  readonly subject: string;
  readonly publicKey: string;
  readonly privateKey: string;
  /** How long the push service keeps an undelivered message. */
  readonly ttlSeconds?: number;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291). The
 * `web-push` package encrypts and signs; the request goes out through fetch, so the endpoint may
 * be any URL the subscription names (the testbed's is plain http) and the answer is classified
 * here: 404/410 mean the subscription is gone.
 */
export function createWebPushChannel(
  config: WebPushConfig,
  deps: { readonly fetch?: typeof fetch; readonly now?: () => Date } = {},
): ChannelAdapter {
  const send = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  return {
    channel: 'web_push',
    async send(message, target): Promise<SendResult> {
      if (target.p256dh == null || target.auth == null) return { result: 'gone', outcome: 'missing_keys' };
      const details = webpush.generateRequestDetails(
        { endpoint: target.address, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payloadFields(message)),
        {
          vapidDetails: {
            subject: config.subject,
            publicKey: config.publicKey,
            privateKey: config.privateKey,
          },
          TTL: config.ttlSeconds ?? 86_400,
          contentEncoding: 'aes128gcm',
          urgency: 'high',
        },
      );
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(details.headers)) {
        // fetch computes the length itself from the body.
        if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
      }
      let response: Response;
      try {
        response = await send(details.endpoint, {
          method: 'POST',
          headers,
          body: details.body ?? null,
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        return { result: 'retry', outcome: 'network_error' };
      }
      await response.body?.cancel();
      if (response.status === 404 || response.status === 410) {
        return { result: 'gone', outcome: `http_${response.status}` };
      }
      return classifyHttpStatus(
        response.status,
        retryAfterMs(response.headers.get('retry-after'), now().getTime()),
      );
    },
  };
}
