import type { NotificationKind } from './notification-rows.js';

/*
 * The store's side of notification delivery (migration 0008): where a user's pushes go (Web Push
 * subscriptions, APNs and FCM device tokens), what they want to hear on which channel, the last
 * state each subject was announced in, and the delivery outbox the worker drains. Rows carry ids,
 * kinds and reason codes only: never a health value (DESIGN §6.1).
 */

/** Outbound channels; the in-app inbox is always on and is not one of them. */
export const DELIVERY_CHANNELS = ['web_push', 'apns', 'fcm', 'email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Channels whose targets a device registers (`/v1/push-subscriptions`). */
export const DEVICE_CHANNELS = ['web_push', 'apns', 'fcm'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

export interface PushTargetRow {
  readonly id: string;
  readonly userId: string;
  readonly channel: DeviceChannel;
  /** The Web Push endpoint URL, or the APNs / FCM device token. */
  readonly address: string;
  /** Web Push only: the subscription's P-256 public key and auth secret (base64url). */
  readonly p256dh: string | null;
  readonly auth: string | null;
  readonly createdAt: Date;
}

export interface NewPushTarget {
  readonly userId: string;
  readonly channel: DeviceChannel;
  readonly address: string;
  readonly p256dh?: string;
  readonly auth?: string;
}

/** Minutes after local midnight; `start > end` spans midnight (22:00–07:00). */
export interface QuietHours {
  readonly startMinute: number;
  readonly endMinute: number;
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
}

export interface NotificationSettingsRow {
  readonly userId: string;
  /** Every kind × channel is on unless listed here. */
  readonly disabled: readonly { readonly kind: NotificationKind; readonly channel: DeliveryChannel }[];
  readonly quietHours: QuietHours | null;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRow {
  readonly id: string;
  readonly userId: string;
  readonly channel: DeliveryChannel;
  /** The push target (device channels); null for email and the webhook. */
  readonly targetId: string | null;
  /** The notice as JSON: kind, code, ids, provider id, permission. Rendered to text when sent. */
  readonly notice: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  /** What the last attempt came to, as a short code (`delivered`, `http_503`, `unregistered`, ...). */
  readonly outcome: string | null;
  readonly createdAt: Date;
}

export interface NewDelivery {
  readonly userId: string;
  readonly channel: DeliveryChannel;
  readonly targetId?: string;
  readonly notice: string;
  readonly notBefore: Date;
}

/**
 * @example
 *   const target = await store.upsertPushTarget({ userId, channel: 'apns', address: deviceToken });
 *   if (await store.claimNoticeState(userId, `connection:${id}`, 'connection_needs_reauth@v3')) announce();
 *   for (const d of await store.claimDueDeliveries(now, 50, 60_000)) send(d);
 */
export interface PushStore {
  /** Registering an address again (same channel) moves it to this user and refreshes its keys. */
  upsertPushTarget(input: NewPushTarget): Promise<PushTargetRow>;
  listPushTargets(userId: string): Promise<PushTargetRow[]>;
  getPushTarget(id: string): Promise<PushTargetRow | null>;
  /** With userId: only that user's. True when a row went. */
  deletePushTarget(id: string, userId?: string): Promise<boolean>;

  getNotificationSettings(userId: string): Promise<NotificationSettingsRow | null>;
  putNotificationSettings(settings: NotificationSettingsRow): Promise<NotificationSettingsRow>;

  /**
   * Records that `subject` (a connection, a rule's runs, a backfill, ...) is now in `state`.
   * True only for the caller that moved it there (first sight or a different state), so
   * racing workers announce a change once and a repeated failure is not announced again.
   */
  claimNoticeState(userId: string, subject: string, state: string): Promise<boolean>;

  enqueueDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;
  /** Takes up to `limit` pending deliveries due at `now` and moves them `leaseMs` ahead atomically. */
  claimDueDeliveries(now: Date, limit: number, leaseMs: number): Promise<DeliveryRow[]>;
  /** Counts an attempt; `pending` with `nextAttemptAt` schedules a retry. */
  recordDeliveryAttempt(
    id: string,
    result: { status: DeliveryStatus; outcome: string; nextAttemptAt?: Date },
  ): Promise<void>;
  listDeliveries(userId: string, limit?: number): Promise<DeliveryRow[]>;
}
