import type { ErrorCode, ProviderId } from '@syncwell/core';

/*
 * The in-app inbox and the refresh-failure tally (migration 0004). Rows carry ids and reason
 * codes only: never a health value, never a token (DESIGN §6.1, §6.2).
 */

/**
 * `backfill_incomplete`: a backfill ended partial or failed (never for one the user cancelled);
 * `code` is its most telling reason, and when that needs the user, `connectionId` is the source
 * and `permission` names what to grant there (when the provider said which).
 */
export const NOTIFICATION_KINDS = [
  'connection_needs_reauth',
  'connection_exhausted',
  'run_dead_lettered',
  // The fact that a weekly summary is ready; its figures are recomputed when read (issue 13).
  'weekly_summary',
  'backfill_incomplete',
  // A backfill finished with everything read and written (issue 11).
  'backfill_completed',
  // Conflicts of a rule wait for the user's choice (issue 11); ruleId set.
  'conflict_waiting',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationRow {
  readonly id: string;
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly connectionId: string | null;
  readonly ruleId: string | null;
  readonly runId: string | null;
  readonly backfillId: string | null;
  readonly code: ErrorCode;
  /** A provider permission the user has not granted (as the provider names it). */
  readonly permission: string | null;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface NewNotification {
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly connectionId?: string;
  readonly ruleId?: string;
  readonly runId?: string;
  readonly backfillId?: string;
  readonly code: ErrorCode;
  readonly permission?: string;
}

export interface NotificationQuery {
  readonly userId: string;
  readonly unreadOnly?: boolean;
  /** Default 50, at most 200. Newest first. */
  readonly limit?: number;
}

export interface RefreshFailure {
  readonly connectionId: string;
  /** The token version the failed refresh presented: a reconnect or a good refresh starts a new tally. */
  readonly tokenVersion: number;
  readonly at: Date;
  readonly code: ErrorCode;
}

export interface KeepAliveQuery {
  readonly providers: readonly ProviderId[];
  /** Connections whose tokens (or status) last changed before this instant. */
  readonly untouchedSince: Date;
  readonly limit: number;
}
