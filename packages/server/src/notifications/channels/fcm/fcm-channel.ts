import { systemClock } from '@syncwell/core';
import type { ChannelAdapter, SendResult } from '../channel-port.js';
import { classifyHttpStatus, payloadFields, retryAfterMs } from '../channel-port.js';
import { FcmAccessToken, FcmTokenError, type ServiceAccount } from './fcm-access-token.js';

export interface FcmConfig {
  readonly serviceAccount: ServiceAccount;
  /** `https://fcm.googleapis.com`, or a local endpoint. */
  readonly url: string;
}

interface FcmErrorBody {
  readonly error?: {
    readonly status?: string;
    readonly details?: readonly { readonly '@type'?: string; readonly errorCode?: string }[];
  };
}

/**
 * FCM HTTP v1: `POST /v1/projects/<project>/messages:send` with a service-account OAuth token.
 * Answers: 200 sent; 404 NOT_FOUND or `UNREGISTERED` → the registration token is removed; 401 → a fresh
 * access token and a retry; 429 and 5xx (`UNAVAILABLE`, `INTERNAL`, `QUOTA_EXCEEDED`) → retry after
 * Retry-After; other 4xx (`INVALID_ARGUMENT`, `SENDER_ID_MISMATCH`) → rejected.
 */
export function createFcmChannel(
  config: FcmConfig,
  deps: { readonly fetch?: typeof fetch; readonly now?: () => Date } = {},
): ChannelAdapter {
  const fetchFn = deps.fetch ?? fetch;
  const now = deps.now ?? systemClock.now;
  const accessToken = new FcmAccessToken(config.serviceAccount, now, fetchFn);
  const endpoint = `${config.url.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(config.serviceAccount.project_id)}/messages:send`;
  return {
    channel: 'fcm',
    async send(message, target): Promise<SendResult> {
      let token: string;
      try {
        token = await accessToken.current();
      } catch (error) {
        const status = error instanceof FcmTokenError ? error.status : 0;
        return { result: 'retry', outcome: status === 0 ? 'token_network_error' : `token_http_${status}` };
      }
      let response: Response;
      try {
        response = await fetchFn(endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            message: {
              token: target.address,
              notification: { title: message.title, body: message.body },
              // FCM data values are strings.
              data: payloadFields(message),
            },
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        return { result: 'retry', outcome: 'network_error' };
      }
      if (response.ok) {
        await response.body?.cancel();
        return { result: 'delivered', outcome: 'delivered' };
      }
      const body = (await response.json().catch(() => ({}))) as FcmErrorBody;
      const errorCode = body.error?.details?.find((d) => typeof d.errorCode === 'string')?.errorCode;
      const outcome = errorCode ?? body.error?.status ?? `http_${response.status}`;
      // Only FCM's own "not found" removes a token: a 404 from a wrong URL must not wipe every device.
      const notFound = response.status === 404 && body.error?.status === 'NOT_FOUND';
      if (notFound || errorCode === 'UNREGISTERED') return { result: 'gone', outcome };
      if (response.status === 401) {
        accessToken.discard();
        return { result: 'retry', outcome };
      }
      const classified = classifyHttpStatus(
        response.status,
        retryAfterMs(response.headers.get('retry-after'), now().getTime()),
      );
      return { ...classified, outcome };
    },
  };
}
