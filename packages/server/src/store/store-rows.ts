import type { DataType, ErrorCode, ProviderId, RunItemResult } from '@syncwell/core';

/*
 * What the metadata store hands out. Times are `Date` at this boundary; adapters store them as
 * integer epoch milliseconds. Nothing here carries a health value or a plaintext token.
 */

export interface UserRow {
  readonly id: string;
  /** Always lower-cased by the store. */
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

export interface RefreshSessionRow {
  readonly id: string;
  readonly userId: string;
  /** A hash of the refresh token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
}

export interface OAuthStateRow {
  readonly state: string;
  readonly userId: string;
  readonly provider: ProviderId;
  /** The PKCE verifier, sealed by the vault (AAD: the state); null when the provider has no PKCE. */
  readonly codeVerifierSealed: string | null;
  readonly redirectUri: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly createdAt: Date;
}

/** `exhausted`: token refresh failed on several days; only a reconnect brings it back. */
export const CONNECTION_STATUSES = ['active', 'needs_reauth', 'revoked', 'exhausted'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface ConnectionRow {
  readonly id: string;
  readonly userId: string;
  readonly provider: ProviderId;
  readonly externalUserId: string;
  readonly status: ConnectionStatus;
  /** Vault output; the AAD is the connection id, so a blob cannot move between rows. */
  readonly tokensSealed: string;
  readonly tokenExpiresAt: Date | null;
  /** Bumped by every token update; the compare-and-swap guard for refresh-token rotation. */
  readonly tokenVersion: number;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const CONFLICT_STRATEGIES = [
  'source_wins',
  'destination_wins',
  'newest',
  'keep_both',
  'ask',
  'ai_suggestion',
] as const;
export type ConflictStrategy = (typeof CONFLICT_STRATEGIES)[number];

export interface RuleRow {
  readonly id: string;
  readonly userId: string;
  readonly sourceConnectionId: string;
  readonly destinationConnectionId: string;
  readonly dataTypes: readonly DataType[];
  readonly conflictStrategy: ConflictStrategy;
  readonly intervalMinutes: number;
  readonly enabled: boolean;
  /** Null: not scheduled (disabled, or manual only). */
  readonly nextRunAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const RUN_TRIGGERS = ['manual', 'scheduled', 'webhook', 'backfill'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** `cancelled`: stopped by its owner (backfill cancelled or rule disabled); what it committed stays. */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type FinishedRunStatus = Exclude<RunStatus, 'queued' | 'running'>;

export interface RunCounts {
  readonly read: number;
  readonly written: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface RunRow {
  readonly id: string;
  readonly ruleId: string;
  readonly userId: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  readonly counts: RunCounts;
  readonly errorCode: ErrorCode | null;
  /** The backfill this run reads a chunk of; null for a live sync (manual, scheduled, webhook). */
  readonly backfillId: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

export interface RunItemRow extends RunItemResult {
  readonly runId: string;
  /** Order of the item within its run, from 0. */
  readonly seq: number;
}
