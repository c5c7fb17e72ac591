import { systemClock } from '@syncwell/core';
import webpush from 'web-push';
import type { ChannelAdapter, SendResult } from '../channel-port.js';
import { classifyHttpStatus, payloadFields, retryAfterMs } from '../channel-port.js';
import { vapidAuthorization, type VapidKeys } from './vapid-token.js';

export interface WebPushConfig extends VapidKeys {
  /** How long the push service keeps an undelivered message. */
  readonly ttlSeconds?: number;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291): the
 * `web-push` package encrypts for the subscription's keys, the VAPID token is signed with the
 * injected clock, and the request goes out through fetch, so the endpoint may be any URL the
 * subscription names. Answers: 201 sent; 404/410 the subscription is gone; 429/5xx retry.
 */
export function createWebPushChannel(
  config: WebPushConfig,
  deps: { readonly fetch?: typeof fetch; readonly now?: () => Date } = {},
): ChannelAdapter {
  const send = deps.fetch ?? fetch;
  const now = deps.now ?? systemClock.now;
  return {
    channel: 'web_push',
    async send(message, target): Promise<SendResult> {
      if (target.p256dh == null || target.auth == null) return { result: 'gone', outcome: 'missing_keys' };
      const at = now();
      let body: Buffer;
      let authorization: string;
      try {
        body = webpush.encrypt(
          target.p256dh,
          target.auth,
          JSON.stringify(payloadFields(message)),
          'aes128gcm',
        ).cipherText;
        authorization = await vapidAuthorization(config, target.address, at);
      } catch {
        // Keys the browser never could have made: the subscription is unusable.
        return { result: 'gone', outcome: 'bad_subscription_keys' };
      }
      let response: Response;
      try {
        response = await send(target.address, {
          method: 'POST',
          headers: {
            authorization,
            ttl: String(config.ttlSeconds ?? 86_400),
            urgency: 'high',
            'content-encoding': 'aes128gcm',
            'content-type': 'application/octet-stream',
          },
          body,
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
        retryAfterMs(response.headers.get('retry-after'), at.getTime()),
      );
    },
  };
}
