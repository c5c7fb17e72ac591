import { systemClock } from '@syncwell/core';
import { connect, constants, type ClientHttp2Session, type SecureClientSessionOptions } from 'node:http2';
import type { ChannelAdapter, SendResult } from '../channel-port.js';
import { classifyHttpStatus, payloadFields } from '../channel-port.js';
import { ApnsProviderToken, type ApnsKey } from './apns-provider-token.js';

export interface ApnsConfig extends ApnsKey {
  /** The app's bundle id, sent as `apns-topic`. */
  readonly topic: string;
  /** `https://api.push.apple.com`, `https://api.sandbox.push.apple.com`, or a local endpoint. */
  readonly url: string;
}

interface ApnsAnswer {
  readonly status: number;
  readonly reason: string | undefined;
}

/** Reasons that mean the device token will never work again: remove it. */
const TOKEN_GONE = new Set(['Unregistered', 'BadDeviceToken', 'DeviceTokenNotForTopic']);
const PROVIDER_TOKEN_STALE = new Set(['ExpiredProviderToken', 'InvalidProviderToken']);

/**
 * APNs over HTTP/2 with token-based authentication: `POST /3/device/<token>` on one long-lived
 * session, the provider JWT as a bearer, `apns-topic`, `apns-push-type: alert`. Answers: 200 sent;
 * 410 Unregistered (and a bad or foreign token) → the token is removed; 403 ExpiredProviderToken
 * → a fresh JWT and a retry; 429 and 5xx → retry.
 */
export function createApnsChannel(
  config: ApnsConfig,
  deps: { readonly now?: () => Date; readonly connectOptions?: SecureClientSessionOptions } = {},
): ChannelAdapter {
  const now = deps.now ?? systemClock.now;
  const providerToken = new ApnsProviderToken(config, now);
  let session: ClientHttp2Session | undefined;

  function open(): ClientHttp2Session {
    if (session !== undefined && !session.closed && !session.destroyed) return session;
    const fresh = connect(config.url, deps.connectOptions ?? {});
    // A broken session is replaced on the next send; the request in flight reports the error.
    fresh.on('error', () => fresh.destroy());
    fresh.on('close', () => {
      if (session === fresh) session = undefined;
    });
    fresh.unref();
    session = fresh;
    return fresh;
  }

  function post(deviceToken: string, jwt: string, body: string): Promise<ApnsAnswer> {
    return new Promise((resolve, reject) => {
      const request = open().request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(deviceToken)}`,
        authorization: `bearer ${jwt}`,
        'apns-topic': config.topic,
        'apns-push-type': 'alert',
        'apns-priority': '10',
        'content-type': 'application/json',
      });
      request.setTimeout(15_000, () => request.close(constants.NGHTTP2_CANCEL));
      let status = 0;
      let text = '';
      request.on('response', (headers) => {
        status = Number(headers[constants.HTTP2_HEADER_STATUS]);
      });
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (text += chunk));
      request.on('end', () => resolve({ status, reason: reasonOf(text) }));
      request.on('error', reject);
      request.end(body);
    });
  }

  return {
    channel: 'apns',
    async send(message, target): Promise<SendResult> {
      const fields = payloadFields(message);
      const body = JSON.stringify({
        aps: { alert: { title: message.title, body: message.body }, sound: 'default' },
        ...fields,
      });
      let answer: ApnsAnswer;
      try {
        answer = await post(target.address, await providerToken.current(), body);
      } catch {
        return { result: 'retry', outcome: 'network_error' };
      }
      if (answer.status === 200) return { result: 'delivered', outcome: 'delivered' };
      const outcome = answer.reason ?? `http_${answer.status}`;
      if (answer.status === 410 || (answer.reason !== undefined && TOKEN_GONE.has(answer.reason))) {
        return { result: 'gone', outcome };
      }
      if (answer.reason !== undefined && PROVIDER_TOKEN_STALE.has(answer.reason)) {
        providerToken.discard();
        return { result: 'retry', outcome };
      }
      const classified = classifyHttpStatus(answer.status, undefined);
      return { ...classified, outcome };
    },
    close(): Promise<void> {
      const open = session;
      session = undefined;
      if (open === undefined || open.closed) return Promise.resolve();
      return new Promise((resolve) => open.close(resolve));
    },
  };
}

function reasonOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { reason?: unknown };
    return typeof parsed.reason === 'string' ? parsed.reason : undefined;
  } catch {
    return undefined;
  }
}
