import type { ConflictChoice, ConflictDescriptor, ConflictStatus } from '@syncwell/core';

/*
 * The store's side of conflicts (DESIGN §5), beyond what the engine needs (SyncStatePort's
 * recordConflicts, listResolvedConflicts, markConflictsApplied): what the API lists and
 * resolves. A row is a descriptor: rule, type, slot, the two records' ids, never their values.
 */

export type ConflictRow = ConflictDescriptor;

export interface ConflictQuery {
  readonly userId: string;
  readonly ruleId?: string;
  readonly status?: ConflictStatus;
  /** Default 50, at most 200. Newest first. */
  readonly limit?: number;
}

/**
 * Deliberately absent: anything that applies a resolution. The next run of the rule does that
 * (the engine writes or keeps, then marks the conflict applied), so the API stays a thin edge.
 *
 * @example
 *   const open = await store.listConflicts({ userId, status: 'open' });
 *   await store.resolveConflict(open[0].id, userId, 'destination');
 */
export interface ConflictStore {
  listConflicts(query: ConflictQuery): Promise<ConflictRow[]>;
  /** Null when unknown or (with userId) another user's. */
  getConflict(id: string, userId?: string): Promise<ConflictRow | null>;
  /**
   * Records the user's choice on an open or resolved conflict (a later choice replaces an
   * earlier one until a run applies it). Returns the row as stored, null when unknown or another
   * user's; an applied conflict comes back unchanged, for the caller to refuse.
   */
  resolveConflict(id: string, userId: string, choice: ConflictChoice): Promise<ConflictRow | null>;
}
