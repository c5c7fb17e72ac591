import type { ErrorCode } from '@syncwell/core';
import type { NotificationKind } from '../store/notification-rows.js';

/** Something the user must hear about. Ids and a reason code only: no health value, no token. */
export interface NotificationEvent {
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly code: ErrorCode;
  readonly connectionId?: string;
  readonly ruleId?: string;
  readonly runId?: string;
  readonly backfillId?: string;
  /** A provider permission the user must grant, as the provider names it (not a secret, not health data). */
  readonly permission?: string;
}

/**
 * A notification channel (DESIGN §2): the in-app inbox today; Web Push, APNs, FCM and webhooks
 * are later adapters of the same method. Delivery is best effort per channel, and the inbox
 * is the record the app reads.
 *
 * Deliberately absent: message text and templates (the app renders kind + code in the user's
 * language), recipients other than the owning user, and delivery receipts.
 *
 * @example
 *   await notifier.notify({ userId, kind: 'connection_needs_reauth', connectionId, code: 'SW_PROVIDER_AUTH_REVOKED' });
 */
export interface Notifier {
  notify(event: NotificationEvent): Promise<void>;
}

/** For tests and roles that emit nothing. */
export const silentNotifier: Notifier = { notify: () => Promise.resolve() };
