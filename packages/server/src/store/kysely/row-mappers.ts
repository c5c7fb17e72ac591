import type { DataType, ErrorCode, ProviderId, RunItemResult } from '@syncwell/core';
import type { Selectable } from 'kysely';
import type {
  ConflictStrategy,
  ConnectionRow,
  ConnectionStatus,
  OAuthStateRow,
  RefreshSessionRow,
  RuleRow,
  RunItemRow,
  RunRow,
  RunStatus,
  RunTrigger,
  UserRow,
} from '../store-rows.js';
import type {
  ConnectionsTable,
  OAuthStatesTable,
  RefreshSessionsTable,
  RulesTable,
  RunItemsTable,
  RunsTable,
  UsersTable,
} from './store-schema.js';

/*
 * Text columns are narrowed with casts: the store is their only writer and writes them from
 * the same unions, so a check here would only guard against hand-edited databases.
 */

// The PostgreSQL adapter must parse int8 to number (pg returns it as a string by default).
const date = (ms: number): Date => new Date(ms);
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : date(ms));

export function toUser(r: Selectable<UsersTable>): UserRow {
  return { id: r.id, email: r.email, passwordHash: r.password_hash, createdAt: date(r.created_at) };
}

export function toRefreshSession(r: Selectable<RefreshSessionsTable>): RefreshSessionRow {
  return {
    id: r.id,
    userId: r.user_id,
    tokenHash: r.token_hash,
    expiresAt: date(r.expires_at),
    revokedAt: dateOrNull(r.revoked_at),
    createdAt: date(r.created_at),
  };
}

export function toOAuthState(r: Selectable<OAuthStatesTable>): OAuthStateRow {
  return {
    state: r.state,
    userId: r.user_id,
    provider: r.provider as ProviderId,
    codeVerifierSealed: r.code_verifier_sealed,
    redirectUri: r.redirect_uri,
    expiresAt: date(r.expires_at),
    usedAt: dateOrNull(r.used_at),
    createdAt: date(r.created_at),
  };
}

export function toConnection(r: Selectable<ConnectionsTable>): ConnectionRow {
  return {
    id: r.id,
    userId: r.user_id,
    provider: r.provider as ProviderId,
    externalUserId: r.external_user_id,
    status: r.status as ConnectionStatus,
    tokensSealed: r.tokens_sealed,
    tokenExpiresAt: dateOrNull(r.token_expires_at),
    tokenVersion: r.token_version,
    scopes: JSON.parse(r.scopes) as string[],
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toRule(r: Selectable<RulesTable>): RuleRow {
  return {
    id: r.id,
    userId: r.user_id,
    sourceConnectionId: r.source_connection_id,
    destinationConnectionId: r.destination_connection_id,
    dataTypes: JSON.parse(r.data_types) as DataType[],
    conflictStrategy: r.conflict_strategy as ConflictStrategy,
    intervalMinutes: r.interval_minutes,
    enabled: r.enabled === 1,
    nextRunAt: dateOrNull(r.next_run_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toRun(r: Selectable<RunsTable>): RunRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    userId: r.user_id,
    trigger: r.trigger as RunTrigger,
    status: r.status as RunStatus,
    counts: {
      read: r.items_read,
      written: r.items_written,
      skipped: r.items_skipped,
      failed: r.items_failed,
    },
    errorCode: r.error_code as ErrorCode | null,
    backfillId: r.backfill_id,
    createdAt: date(r.created_at),
    startedAt: dateOrNull(r.started_at),
    finishedAt: dateOrNull(r.finished_at),
  };
}

export function toRunItem(r: Selectable<RunItemsTable>): RunItemRow {
  return {
    runId: r.run_id,
    seq: r.seq,
    dataType: r.data_type as DataType,
    externalId: r.external_id,
    outcome: r.outcome as RunItemResult['outcome'],
    code: r.code as ErrorCode,
    destinationId: r.destination_id,
    ...(r.message === null ? {} : { message: r.message }),
  };
}
