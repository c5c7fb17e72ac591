import type { DataType, ErrorCode, ProviderId, SyncStatePort } from '@syncwell/core';
import type {
  ConflictStrategy,
  ConnectionRow,
  ConnectionStatus,
  FinishedRunStatus,
  OAuthStateRow,
  RefreshSessionRow,
  RuleRow,
  RunItemRow,
  RunRow,
  RunStatus,
  RunTrigger,
  UserRow,
} from './store-rows.js';
import type { UserDataPage } from './user-data-page.js';
import type {
  KeepAliveQuery,
  NewNotification,
  NotificationQuery,
  NotificationRow,
  RefreshFailure,
} from './notification-rows.js';

import type { BackfillStore } from './backfill-port.js';
import type { ConflictStore } from './conflict-port.js';
import type { SummaryScheduleStore } from './summary-schedule-port.js';
import type { SealedSecretStore } from './sealed-secret-port.js';
import type { PushStore } from './push-port.js';
import type { DeviceStore } from './device-port.js';

export type * from './store-rows.js';
export type * from './backfill-port.js';
export type * from './conflict-port.js';
export type * from './summary-schedule-port.js';
export type * from './push-port.js';
export type * from './device-port.js';
export { DEVICE_PLATFORMS } from './device-port.js';
export { DELIVERY_CHANNELS, DEVICE_CHANNELS, DELIVERY_STATUSES } from './push-port.js';
export {
  ACTIVE_BACKFILL_STATUSES,
  BACKFILL_CHUNK_STATUSES,
  BACKFILL_CLAMP_REASONS,
  BACKFILL_STATUSES,
} from './backfill-port.js';
export type * from './notification-rows.js';
export { NOTIFICATION_KINDS } from './notification-rows.js';
export { CONFLICT_STRATEGIES, CONNECTION_STATUSES, RUN_STATUSES, RUN_TRIGGERS } from './store-rows.js';

export interface NewOAuthState {
  readonly state: string;
  readonly userId: string;
  readonly provider: ProviderId;
  readonly codeVerifierSealed: string | null;
  readonly redirectUri: string;
  readonly expiresAt: Date;
}

export interface ConnectionUpsert {
  readonly userId: string;
  readonly provider: ProviderId;
  readonly externalUserId: string;
  /**
   * Seals the tokens for the row's id. The store decides the id (a reconnect keeps the old one)
   * and calls this inside its transaction, so the vault's AAD always matches the stored row.
   */
  readonly sealTokens: (connectionId: string) => string;
  readonly tokenExpiresAt: Date | null;
  readonly scopes: readonly string[];
}

export interface ConnectionTokenUpdate {
  readonly connectionId: string;
  /** The `tokenVersion` the caller read; the update only lands if it is still current. */
  readonly expectedVersion: number;
  readonly tokensSealed: string;
  readonly tokenExpiresAt: Date | null;
  readonly scopes?: readonly string[];
}

export interface NewRule {
  readonly userId: string;
  readonly sourceConnectionId: string;
  readonly destinationConnectionId: string;
  readonly dataTypes: readonly DataType[];
  readonly conflictStrategy: ConflictStrategy;
  readonly intervalMinutes: number;
  readonly enabled: boolean;
  readonly nextRunAt: Date | null;
}

export type RulePatch = Partial<
  Pick<NewRule, 'dataTypes' | 'conflictStrategy' | 'intervalMinutes' | 'enabled' | 'nextRunAt'>
>;

export interface NewRun {
  readonly ruleId: string;
  readonly userId: string;
  readonly trigger: RunTrigger;
  /** A backfill chunk's run (trigger 'backfill'). */
  readonly backfillId?: string;
}

/** openRunChecked's answer: the run (new or joined), or why none was opened. */
export type CheckedRunOpening =
  | { readonly kind: 'opened'; readonly run: RunRow; readonly created: boolean }
  | { readonly kind: 'rule_not_found' }
  /** Disabled means "do not move my data": no run is opened, not even a manual one. */
  | { readonly kind: 'rule_disabled' }
  | { readonly kind: 'connection_not_ready'; readonly connectionId: string };

/** What a worker needs to start a run, read in the same step that marks it running (claimRun). */
export interface RunClaim {
  /** As stored after the claim: status `running`. */
  readonly run: RunRow;
  /** Null when the rule is gone. */
  readonly rule: RuleRow | null;
  /** The rule's connections, of the rule's user; null when gone. */
  readonly source: ConnectionRow | null;
  readonly destination: ConnectionRow | null;
  /** The rule's sync cursors by data type. */
  readonly cursors: ReadonlyMap<DataType, string>;
  /** The rule has conflicts the user resolved that no run has applied yet. */
  readonly hasResolvedConflicts: boolean;
}

/** `sync`: live runs (manual, scheduled, webhook); `backfill_chunk`: runs of backfill chunks. */
export const RUN_KINDS = ['sync', 'backfill_chunk'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface RunQuery {
  readonly userId: string;
  readonly ruleId?: string;
  readonly status?: RunStatus;
  /** Only this backfill's chunk runs. */
  readonly backfillId?: string;
  /** Only runs of this kind; both when absent. */
  readonly kind?: RunKind;
  /** Default 50, at most 200. Newest first. */
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * The metadata store: accounts, connections (sealed tokens only), rules, runs, and the sync
 * engine's state (cursors, ledger, fences). Every id is a UUID string made by the store.
 * Reads scoped by `userId` return null for another user's row, so the API cannot leak across
 * accounts (DESIGN §6.4); callers inside the worker omit it.
 *
 * Deliberately absent: transactions, connections, SQL. Each method is atomic on its own; the
 * few multi-row steps that must be atomic (commitPage, upsertConnection) are single methods.
 *
 * @example
 *   const store = await createSqliteStore({ filename: 'data/syncwell.db' });
 *   const user = await store.createUser({ email: 'a@b.c', passwordHash });
 */
export interface MetadataStore
  extends
    SyncStatePort,
    BackfillStore,
    ConflictStore,
    SummaryScheduleStore,
    SealedSecretStore,
    PushStore,
    DeviceStore {
  // The user's own data (GDPR): every row that belongs to them, table by table.
  /**
   * Pages of rows (credential columns withheld) from every table holding the user's data, read
   * lazily so an export streams in constant memory.
   *
   * @example
   *   for await (const page of store.exportUserData(userId)) write(page.table, page.rows);
   */
  exportUserData(userId: string, pageSize?: number): AsyncIterable<UserDataPage>;
  /** Rows per user-data table that belong to the user; all 0 after deleteUser. */
  countUserData(userId: string): Promise<Record<string, number>>;
  /** Every table of the live schema (the data-coverage test compares it with the user-data tables). */
  schemaTables(): Promise<string[]>;

  // Users. createUser throws EmailTakenError (SW_EMAIL_TAKEN); deleteUser cascades to everything.
  createUser(input: { email: string; passwordHash: string }): Promise<UserRow>;
  findUserByEmail(email: string): Promise<UserRow | null>;
  getUser(id: string): Promise<UserRow | null>;
  deleteUser(id: string): Promise<boolean>;
  /** False when the user does not exist. */
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;

  // Refresh sessions. Found rows may be revoked or expired: the caller decides (reuse detection).
  createRefreshSession(input: {
    userId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<RefreshSessionRow>;
  findRefreshSessionByHash(tokenHash: string): Promise<RefreshSessionRow | null>;
  /** By id: the `sid` an access token carries. Null once the user (and so the row) is gone. */
  getRefreshSession(id: string): Promise<RefreshSessionRow | null>;
  /** Ids of the user's unrevoked sessions, so a mass revocation can drop each from caches. */
  listLiveRefreshSessionIds(userId: string): Promise<string[]>;
  /** True only for the call that revoked it, so a rotated token is used once. */
  revokeRefreshSession(id: string): Promise<boolean>;
  revokeAllRefreshSessions(userId: string): Promise<number>;

  // OAuth states: single use.
  createOAuthState(input: NewOAuthState): Promise<OAuthStateRow>;
  /** Marks the state used and returns it; null if unknown, already used or expired. */
  consumeOAuthState(state: string): Promise<OAuthStateRow | null>;

  // Connections.
  /** Same user + provider + external user: tokens replaced, status back to active, id kept. */
  upsertConnection(input: ConnectionUpsert): Promise<{ connection: ConnectionRow; created: boolean }>;
  getConnection(id: string, userId?: string): Promise<ConnectionRow | null>;
  listConnectionsByUser(userId: string): Promise<ConnectionRow[]>;
  /** Webhook routing: every SyncWell connection of this provider account. */
  findConnectionsByProviderExternalUser(
    provider: ProviderId,
    externalUserId: string,
  ): Promise<ConnectionRow[]>;
  /** Compare-and-swap on tokenVersion; false when another writer won (refresh-token rotation). */
  updateConnectionTokens(update: ConnectionTokenUpdate): Promise<boolean>;
  setConnectionStatus(id: string, status: ConnectionStatus): Promise<boolean>;
  /** Also deletes the rules that use it (and their runs, cursors, ledger rows). */
  deleteConnection(id: string, userId?: string): Promise<boolean>;

  // Rules.
  createRule(input: NewRule): Promise<RuleRow>;
  getRule(id: string, userId?: string): Promise<RuleRow | null>;
  listRulesByUser(userId: string): Promise<RuleRow[]>;
  updateRule(id: string, userId: string, patch: RulePatch): Promise<RuleRow | null>;
  deleteRule(id: string, userId?: string): Promise<boolean>;
  /** Enabled rules with nextRunAt <= now, soonest first. */
  listDueRules(now: Date, limit: number): Promise<RuleRow[]>;
  /**
   * Takes up to `limit` of the soonest-due enabled rules (nextRunAt <= now) and, in the same
   * atomic step, moves their nextRunAt to `now + leaseMs`, so that another scheduler copy does
   * not take them too; the caller then sets the real next slot with setRuleNextRunAt. If the
   * caller dies, the rule simply comes due again when the lease ends. Returns the rows as
   * stored after the claim, in no particular order. Safe to call from many processes at once.
   *
   * @example
   *   for (const rule of await store.claimDueRules(new Date(), 500, 60_000)) dispatch(rule);
   */
  claimDueRules(now: Date, limit: number, leaseMs: number): Promise<RuleRow[]>;
  setRuleNextRunAt(id: string, nextRunAt: Date | null): Promise<boolean>;
  /** Rules whose source or destination is this connection. */
  listRulesByConnection(connectionId: string): Promise<RuleRow[]>;

  // Runs. A run row is written before its job is enqueued (DESIGN §4).
  /**
   * Inserts a run. A rule has at most one queued or running live run (a partial unique index):
   * a second live one throws SW_CONFLICT; use openRun to join the active one instead.
   */
  createRun(input: NewRun): Promise<RunRow>;
  /**
   * A live run of the rule: the queued or running one if there is one (`created` false), else a
   * new queued one. Race-safe: of concurrent callers (api copies, the scheduler), one creates.
   */
  openRun(input: NewRun): Promise<{ run: RunRow; created: boolean }>;
  /**
   * openRun for a rule of `input.userId` whose two connections are active (a manual sync): the
   * rule and connection checks and the run in one step, one statement on PostgreSQL unless a
   * concurrent opener races it. The source connection is reported first when both are not ready.
   */
  openRunChecked(input: NewRun): Promise<CheckedRunOpening>;
  getRun(id: string, userId?: string): Promise<RunRow | null>;
  listRuns(query: RunQuery): Promise<RunRow[]>;
  /** queued|running → running (a re-enqueued run may start twice); false when finished or unknown. */
  markRunRunning(id: string): Promise<boolean>;
  /**
   * markRunRunning and, in the same step, everything the worker reads to start the run (one
   * statement on PostgreSQL). Null when the run is finished or unknown.
   */
  claimRun(id: string): Promise<RunClaim | null>;
  /** Counts are recomputed from run items. False when already finished or unknown. */
  finishRun(id: string, status: FinishedRunStatus, errorCode?: ErrorCode): Promise<boolean>;
  /** Queued or running runs, oldest first: the start-up sweep re-enqueues them. */
  listUnfinishedRuns(): Promise<RunRow[]>;
  /** A queued or running live run (backfill runs do not count: they must not hold back live syncs). */
  hasActiveRun(ruleId: string): Promise<boolean>;
  listRunItems(runId: string, userId?: string): Promise<RunItemRow[]>;

  // Notifications (in-app inbox) and token health (migration 0004).
  /**
   * Dedupes: while an unread notification of the same kind exists for the connection, returns it
   * with created false instead of adding another. Run notifications are never merged.
   */
  createNotification(input: NewNotification): Promise<{ notification: NotificationRow; created: boolean }>;
  listNotifications(query: NotificationQuery): Promise<NotificationRow[]>;
  /** Null when unknown or another user's; marking twice keeps the first readAt. */
  markNotificationRead(id: string, userId: string): Promise<NotificationRow | null>;
  /** Records a failed refresh; returns on how many distinct UTC days this token version failed. */
  recordRefreshFailure(failure: RefreshFailure): Promise<number>;
  clearRefreshFailures(connectionId: string): Promise<void>;
  /** Active connections of these providers untouched since the instant, stalest first (keep-alive). */
  listKeepAliveConnections(query: KeepAliveQuery): Promise<ConnectionRow[]>;

  /**
   * Stores `value` under `key` unless a value is there already; returns the stored one. For
   * server-wide facts such as the vault check, never for user data.
   */
  claimServerSetting(key: string, value: string): Promise<string>;

  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
