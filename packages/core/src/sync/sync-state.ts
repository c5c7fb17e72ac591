import type { DataType } from '../records/canonical-record.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { ConflictDescriptor, NewConflict } from '../conflicts/conflict-descriptor.js';

/**
 * What the sync engine persists, and nothing more: cursors, ledger rows (with write intents)
 * and per-item run results. No health value ever reaches this port: ledger keys are HMACs,
 * items carry external ids, codes and destination ids only (DESIGN §6.1).
 *
 * Deliberately absent: transactions and connections. `commitPage` is the one atomic step the
 * engine needs; how an adapter makes it atomic is its own business.
 */
export interface SyncStatePort {
  getCursor(ruleId: string, dataType: DataType): Promise<string | null>;

  /** Ledger rows for these identity keys at one destination connection. */
  findLedger(
    destinationConnectionId: string,
    identityKeys: readonly string[],
  ): Promise<Map<string, LedgerEntry>>;

  /** Ledger rows whose tag is one of these (loop prevention: "did we write this?"). */
  findLedgerByTags(tags: readonly string[]): Promise<Map<string, LedgerEntry>>;

  /**
   * Step 1 of the write protocol (DESIGN §5): record intents and make them durable before
   * anything is written at the destination. An existing row for the same key is left as is.
   */
  recordIntents(intents: readonly WriteIntent[]): Promise<void>;

  /**
   * Optional, for stores where a round trip costs: findLedger for the intents' identity keys,
   * and in the same step recordIntents for those it did not find. Answers the rows as they were
   * before the step (an intent it recorded is not in the answer). The engine uses it only where
   * nothing but the ledger decides what to write (no loop-prevention tags on the page, a
   * destination it does not read), so every record not found is one it writes.
   */
  findLedgerRecordingIntents?(
    destinationConnectionId: string,
    intents: readonly WriteIntent[],
  ): Promise<Map<string, LedgerEntry>>;

  /** Open intents of a rule: writes that may or may not have reached the destination. */
  listOpenIntents(ruleId: string): Promise<LedgerEntry[]>;

  /**
   * Atomically: mark ledger rows done (with destination ids), store run items, and advance
   * the cursor (when `cursor` is given). If `fencingToken` is given and is older than the
   * rule's latest, nothing is written and `false` is returned (a worker that lost its lock).
   */
  commitPage(commit: PageCommit): Promise<boolean>;

  /**
   * Stores descriptors of conflicts the engine may not settle alone (DESIGN §5): ids and a time
   * slot, never values. A source record that still has a conflict not yet applied keeps that
   * one, so detecting it again on a later run adds nothing. Called before the page's commit, so
   * every "pending" item has its descriptor; a descriptor without its item is harmless.
   */
  recordConflicts(conflicts: readonly NewConflict[]): Promise<void>;

  /** The rule's conflicts that the user resolved and no run has applied yet. */
  listResolvedConflicts(ruleId: string): Promise<ConflictDescriptor[]>;

  /**
   * After the commit that carried their outcome: these conflicts become `applied`. Idempotent;
   * a crash before it only makes the next run find the ledger done and mark them then.
   */
  markConflictsApplied(ids: readonly string[]): Promise<void>;
}

export interface LedgerEntry {
  readonly ruleId: string;
  readonly destinationConnectionId: string;
  /** HMAC of the source record's identity (provider, type, external id, destination). */
  readonly identityKey: string;
  /** HMAC of the record's content; differs when the source record changed since we wrote it. */
  readonly contentKey: string;
  /** The idempotency tag carried to the destination. */
  readonly tag: string;
  readonly dataType: DataType;
  readonly status: 'intent' | 'done';
  readonly destinationId: string | null;
}

export type WriteIntent = Omit<LedgerEntry, 'status' | 'destinationId'>;

export interface RunItemResult {
  readonly dataType: DataType;
  /** The source platform's id of the record (never its values). */
  readonly externalId: string;
  readonly outcome: 'written' | 'skipped' | 'failed';
  readonly code: ErrorCode;
  readonly destinationId: string | null;
  readonly message?: string;
}

export interface PageCommit {
  readonly runId: string;
  readonly ruleId: string;
  readonly dataType: DataType;
  /** Null: leave the cursor where it is. */
  readonly cursor: string | null;
  readonly done: readonly { identityKey: string; destinationConnectionId: string; destinationId: string }[];
  readonly items: readonly RunItemResult[];
  readonly fencingToken?: number;
  /**
   * The run's last commit: in the same atomic step the run ends `succeeded`, or `partial` when
   * any of its items (this page's included) missed data (itemMissedData), as finishRun would.
   * A run that already ended keeps its status. Stores without runs ignore it.
   */
  readonly finish?: boolean;
}
