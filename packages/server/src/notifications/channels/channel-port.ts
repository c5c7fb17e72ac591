import type { DeliveryChannel } from '../../store/push-port.js';
import type { NoticeMessage } from '../message/notice-message.js';

/** Where one delivery goes: a device target's address and keys, the user's email, or (webhook) the user id. */
export interface ChannelTarget {
  readonly userId: string;
  /** Web Push endpoint, APNs or FCM device token, or email address. */
  readonly address: string;
  readonly p256dh?: string | null;
  readonly auth?: string | null;
}

export interface SendContext {
  /** Stable across retries of one delivery: the webhook's `webhook-id`, an idempotency key. */
  readonly deliveryId: string;
}

/**
 * How one attempt ended. `gone`: the service says the target no longer exists (APNs 410
 * Unregistered, FCM UNREGISTERED, Web Push 404/410), so the target is removed; `retry`: try again
 * later (5xx, 429, network), honouring `retryAfterMs` when the service said; `rejected`: the
 * service refused this message for good. `outcome` is a short code for the record and the metric.
 */
export type SendResult =
  | { readonly result: 'delivered'; readonly outcome: string }
  | { readonly result: 'retry'; readonly outcome: string; readonly retryAfterMs?: number }
  | { readonly result: 'gone'; readonly outcome: string }
  | { readonly result: 'rejected'; readonly outcome: string };

/**
 * One outbound notification service. Adapters speak the service's own protocol and classify its
 * answers; retries, backoff, target removal and counting are the deliverer's job, not theirs.
 *
 * Deliberately absent: batching, topics and fan-out (one message, one target per call), and
 * anything user-facing beyond the rendered message.
 *
 * @example
 *   const result = await channel.send(renderNotice(notice, appUrl), { userId, address: token }, { deliveryId });
 */
export interface ChannelAdapter {
  readonly channel: DeliveryChannel;
  send(message: NoticeMessage, target: ChannelTarget, context: SendContext): Promise<SendResult>;
  close?(): Promise<void>;
}

/** Seconds or an HTTP date in Retry-After, as milliseconds from `nowMs`. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The common HTTP answers: 429 and 5xx are worth retrying, other 4xx are not. */
export function classifyHttpStatus(status: number, retryAfter: number | undefined): SendResult {
  if (status >= 200 && status < 300) return { result: 'delivered', outcome: 'delivered' };
  if (status === 429 || status >= 500 || status === 408) {
    return {
      result: 'retry',
      outcome: `http_${status}`,
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    };
  }
  return { result: 'rejected', outcome: `http_${status}` };
}

/** The fields of a notice a push payload carries: ids, kind, code and the rendered text. */
export function payloadFields(message: NoticeMessage): Record<string, string> {
  const { notice } = message;
  const fields: Record<string, string> = {
    kind: notice.kind,
    code: notice.code,
    title: message.title,
    body: message.body,
    url: message.url,
  };
  for (const key of ['connectionId', 'ruleId', 'runId', 'backfillId', 'permission'] as const) {
    const value = notice[key];
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}
