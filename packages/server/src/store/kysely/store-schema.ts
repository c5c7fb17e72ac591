/*
 * Table shapes as both engines return them. Times are epoch milliseconds (bigint in
 * PostgreSQL: its adapter must parse int8 to number), booleans are 0/1 integers, lists are
 * JSON text. Keeping one representation lets SQLite and PostgreSQL share every query.
 */

import type { BackfillTables } from './backfill-schema.js';

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
}

export interface RefreshSessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: number;
  revoked_at: number | null;
  created_at: number;
}

export interface OAuthStatesTable {
  state: string;
  user_id: string;
  provider: string;
  code_verifier_sealed: string | null;
  redirect_uri: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface ConnectionsTable {
  id: string;
  user_id: string;
  provider: string;
  external_user_id: string;
  status: string;
  tokens_sealed: string;
  token_expires_at: number | null;
  token_version: number;
  scopes: string;
  created_at: number;
  updated_at: number;
}

export interface RulesTable {
  id: string;
  user_id: string;
  source_connection_id: string;
  destination_connection_id: string;
  data_types: string;
  conflict_strategy: string;
  interval_minutes: number;
  enabled: number;
  next_run_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RunsTable {
  id: string;
  rule_id: string;
  user_id: string;
  trigger: string;
  status: string;
  items_read: number;
  items_written: number;
  items_skipped: number;
  items_failed: number;
  error_code: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** Migration 0006: the backfill whose chunk this run reads; null for live syncs. */
  backfill_id: string | null;
}

export interface RunItemsTable {
  run_id: string;
  seq: number;
  data_type: string;
  external_id: string;
  outcome: string;
  code: string;
  destination_id: string | null;
  message: string | null;
}

export interface SyncCursorsTable {
  rule_id: string;
  data_type: string;
  cursor: string;
  updated_at: number;
}

export interface SyncLedgerTable {
  destination_connection_id: string;
  identity_key: string;
  rule_id: string;
  content_key: string;
  tag: string;
  data_type: string;
  status: string;
  destination_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface RuleFencesTable {
  rule_id: string;
  token: number;
}

export interface ServerSettingsTable {
  key: string;
  value: string;
  created_at: number;
}

export interface StoreDatabase extends BackfillTables {
  users: UsersTable;
  refresh_sessions: RefreshSessionsTable;
  oauth_states: OAuthStatesTable;
  connections: ConnectionsTable;
  rules: RulesTable;
  runs: RunsTable;
  run_items: RunItemsTable;
  sync_cursors: SyncCursorsTable;
  sync_ledger: SyncLedgerTable;
  rule_fences: RuleFencesTable;
  server_settings: ServerSettingsTable;
  notifications: NotificationsTable;
  connection_refresh_failures: ConnectionRefreshFailuresTable;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  connection_id: string | null;
  rule_id: string | null;
  run_id: string | null;
  code: string;
  created_at: number;
  read_at: number | null;
  /** Migration 0006. */
  backfill_id: string | null;
  permission: string | null;
}

export interface ConnectionRefreshFailuresTable {
  connection_id: string;
  token_version: number;
  /** UTC calendar day, YYYY-MM-DD: the tally counts days, not attempts. */
  day: string;
  code: string;
  created_at: number;
}
