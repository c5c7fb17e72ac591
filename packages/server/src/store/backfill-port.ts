import { ERROR_CODES, type DataType, type ErrorCode, type PageCommit } from '@syncwell/core';
import type { FinishedRunStatus, RunRow } from './store-rows.js';

/*
 * The store's side of historical backfill (DESIGN §4). A backfill is a window of one rule's
 * history cut into chunks; a chunk is "running" from the moment it is given its run row
 * (trigger 'backfill', backfillId set) until that run finishes. Every step that moves a chunk
 * also creates the run rows of the chunks that follow, in the same transaction, so a backfill
 * that is running always has a queued or running run: the ordinary run sweep re-enqueues it
 * after a crash, and no backfill-specific sweep is needed.
 *
 * Every backfill ends (issue 8 §3): a chunk keeps its provider cursor per data type, so each
 * execution that commits a page moves it on for good; executions that commit nothing are
 * counted (`stalls`) and the worker fails the chunk past a bound; a reason that needs the user
 * (an `auth`-class code) stops the chunks still pending.
 */

/** `paused`: its rule is disabled; no chunk starts until the rule is enabled again. */
export const BACKFILL_STATUSES = [
  'running',
  'paused',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];
/** At most one backfill per rule is in one of these (a partial unique index holds it). */
export const ACTIVE_BACKFILL_STATUSES = ['running', 'paused'] as const satisfies readonly BackfillStatus[];

/** `done`: read without a miss; `partial`: read, but some records did not arrive (see `reason`). */
export const BACKFILL_CHUNK_STATUSES = [
  'pending',
  'running',
  'done',
  'partial',
  'failed',
  'cancelled',
] as const;
export type BackfillChunkStatus = (typeof BACKFILL_CHUNK_STATUSES)[number];

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Why the window SyncWell reads differs from the one asked for; never silent (issue 8 §3).
 * `provider_window`: `from` is older than the source provider lets anyone read (`limit`: its
 * window in days); `max_chunks`: the window would need more chunks than a backfill may have
 * (`limit`: that maximum); `future`: `to` is after now (`limit` null).
 */
export const BACKFILL_CLAMP_REASONS = ['provider_window', 'max_chunks', 'future'] as const;
export type BackfillClampReason = (typeof BACKFILL_CLAMP_REASONS)[number];
export interface BackfillClamp {
  readonly bound: 'from' | 'to';
  readonly reason: BackfillClampReason;
  readonly limit: number | null;
}

export interface RecordCounts {
  readonly written: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface ChunkCounts {
  readonly total: number;
  readonly done: number;
  readonly partial: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly pending: number;
  readonly running: number;
}

export interface BackfillProgress {
  readonly chunks: ChunkCounts;
  /**
   * Distinct records of the window by outcome: written now, skipped (already there, or unusable:
   * see the chunks' reasons), failed (the destination refused the write).
   */
  readonly records: RecordCounts;
  /** Milliseconds of the window in chunks that were read to the end (done or partial). */
  readonly doneMs: number;
  /** Milliseconds covered by chunks; the rest of the window was done by earlier backfills. */
  readonly plannedMs: number;
}

/**
 * Whether a chunk that ended for this reason leaves nothing for the chunks after it: the user
 * must act first (reconnect, grant a permission: the `auth` class), or the rule cannot run at
 * all. The store then fails the chunks still pending with the same reason (they stay a gap).
 */
export function reasonNeedsUser(code: ErrorCode): boolean {
  return (
    ERROR_CODES[code].retry === 'auth' ||
    code === 'SW_CONNECTION_NOT_READY' ||
    code === 'SW_NOT_FOUND' ||
    code === 'SW_PROVIDER_NOT_CONFIGURED'
  );
}

/** Why a chunk (or a backfill) ended other than cleanly; `permission` when the user must grant one. */
export interface EndReason {
  readonly code: ErrorCode;
  readonly permission: string | null;
}

export interface BackfillRow {
  readonly id: string;
  readonly ruleId: string;
  readonly userId: string;
  readonly dataTypes: readonly DataType[];
  /** The window read (after clamps); its chunks may cover less of it when parts were done before. */
  readonly range: TimeWindow;
  /** The window as asked; null bounds were not given (defaults applied). */
  readonly requested: { readonly from: Date | null; readonly to: Date | null };
  readonly clamps: readonly BackfillClamp[];
  readonly status: BackfillStatus;
  readonly progress: BackfillProgress;
  /** The most telling chunk reason (one that needs the user first); null when none. */
  readonly reason: EndReason | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** Where a chunk's reading of one data type stands: the provider's cursor, and whether it is read to the end. */
export interface ChunkCheckpoint {
  readonly cursor: string | null;
  readonly done: boolean;
}

export interface BackfillChunkRow {
  readonly id: string;
  readonly backfillId: string;
  readonly ruleId: string;
  readonly userId: string;
  /** 0 is run first. */
  readonly seq: number;
  readonly range: TimeWindow;
  readonly status: BackfillChunkStatus;
  readonly runId: string | null;
  readonly records: RecordCounts;
  /** Pages of this chunk committed so far. */
  readonly checkpoint: number;
  /** The resume point per data type: an execution after a delay, retry or crash goes on from here. */
  readonly cursors: Readonly<Partial<Record<DataType, ChunkCheckpoint>>>;
  /** Job executions of this chunk so far. */
  readonly executions: number;
  /** Executions in a row that ended delayed without committing a page. */
  readonly stalls: number;
  readonly reason: EndReason | null;
}

/** What a chunk's job reads at the start of each execution. */
export interface ChunkExecution {
  readonly chunk: BackfillChunkRow;
  readonly backfillStatus: BackfillStatus;
  /** The backfill's data types (the rule's may have changed since). */
  readonly dataTypes: readonly DataType[];
  readonly ruleEnabled: boolean;
  /** The rule's source: only its reads are a chunk's (the destination is read as in any run). */
  readonly sourceConnectionId: string;
}

export interface NewBackfill {
  readonly ruleId: string;
  readonly userId: string;
  readonly dataTypes: readonly DataType[];
  readonly range: TimeWindow;
  readonly requested?: { readonly from: Date | null; readonly to: Date | null };
  readonly clamps?: readonly BackfillClamp[];
  /** In the order they should run; may be empty when the whole window was done before. */
  readonly chunks: readonly TimeWindow[];
  /** How many chunks get a run at once (default 1: in order). */
  readonly parallelism?: number;
  /** Created paused (its rule is disabled): no chunk gets a run until it is resumed. */
  readonly paused?: boolean;
}

export interface ChunkPageCommit {
  readonly chunkId: string;
  /** The chunk's run: a chunk given to a newer run (paused, then resumed) is not moved by an old one. */
  readonly runId: string;
  /** The engine's page; its `cursor` is ignored (a backfill never moves the rule's cursor). */
  readonly commit: PageCommit;
  /** Where the chunk's reading of `commit.dataType` stands after this page. */
  readonly checkpoint?: ChunkCheckpoint;
  /** A refusal on this page that needs the user; kept as the chunk's reason unless it has one. */
  readonly refusal?: EndReason;
}

export interface ChunkPageResult {
  readonly committed: boolean;
  /** The backfill's status now, or `detached` when the chunk is no longer this run's. */
  readonly backfillStatus: BackfillStatus | 'detached';
}

export interface ChunkFinish {
  readonly runId: string;
  /** `cancelled`: stopped by its owner; the chunk is cancelled, or back to pending if paused. */
  readonly status: FinishedRunStatus;
  readonly errorCode?: ErrorCode;
  /** How many chunks of the backfill may be running after this one (default 1). */
  readonly parallelism?: number;
}

export interface ChunkFinishResult {
  readonly backfill: BackfillRow;
  /** Runs of chunks started by this step: enqueue their jobs. */
  readonly runs: RunRow[];
  /** This step ended the backfill (exactly one step does): tell the user when not clean. */
  readonly settled: boolean;
}

/**
 * Backfill bookkeeping, atomic per method like the rest of the store.
 *
 * Deliberately absent: job handling and provider facts. The store does not know what a chunk
 * reads; the backfill planner (server/src/backfill/) decides windows and chunk sizes.
 *
 * @example
 *   const { backfill, runs, created } = await store.createBackfill({ ruleId, userId, dataTypes, range, chunks });
 *   for (const run of runs) await queue.enqueue(chunkJob(run));
 */
export interface BackfillStore {
  /**
   * Inserts the backfill, its chunks and the runs of the first chunks; returns those runs to
   * enqueue. When the rule already has a running or paused backfill, returns that one with
   * `created: false` and inserts nothing, also when two requests race (unique partial index).
   */
  createBackfill(input: NewBackfill): Promise<{ backfill: BackfillRow; runs: RunRow[]; created: boolean }>;
  getBackfill(id: string, userId?: string): Promise<BackfillRow | null>;
  /** The rule's running or paused backfill, if any. */
  findActiveBackfill(ruleId: string): Promise<BackfillRow | null>;
  listBackfillChunks(backfillId: string, userId?: string): Promise<BackfillChunkRow[]>;
  /** The chunk a backfill run belongs to; null for any other run. */
  findBackfillChunkByRun(runId: string): Promise<BackfillChunkRow | null>;
  /** Counts one execution of the chunk whose run this is, and returns what the job needs; null if none. */
  beginChunkExecution(runId: string): Promise<ChunkExecution | null>;
  /** Windows of this rule read cleanly by earlier backfills whose data types cover `dataTypes`. */
  listDoneBackfillWindows(ruleId: string, dataTypes: readonly DataType[]): Promise<TimeWindow[]>;
  /**
   * The page commit of a chunk, atomically with its checkpoint: ledger rows and run items as
   * commitPage, the chunk's cursor for the page's data type, its page and record counts, and a
   * reset of its stall count. False (nothing written) when the fencing token is outdated.
   */
  commitChunkPage(input: ChunkPageCommit): Promise<ChunkPageResult>;
  /** One more execution in a row that committed nothing; returns the new count. */
  recordChunkStall(chunkId: string): Promise<number>;
  /**
   * Finishes the chunk's run (as finishRun) and the chunk with its reason (the run's error code,
   * a refusal its pages met, or the most telling code among its missed items), fails the chunks
   * still pending when that reason needs the user (reasonNeedsUser), gives the next pending
   * chunks their runs (while the backfill runs), and settles the backfill when nothing is left.
   * Null when the run was already finished (a duplicate job): nothing changes, so no chunk is
   * redone or advanced twice.
   */
  finishBackfillChunk(input: ChunkFinish): Promise<ChunkFinishResult | null>;
  /**
   * Cancels a running or paused backfill at once: pending chunks and chunks whose run has not
   * finished end `cancelled` (with their runs); a chunk's execution still in flight stops at its
   * next page. Null when unknown or another user's; `changed` false when it had already ended.
   */
  cancelBackfill(id: string, userId: string): Promise<{ backfill: BackfillRow; changed: boolean } | null>;
  /**
   * The rule was disabled: its running backfill becomes `paused`; chunks with an unfinished run
   * go back to pending (their run ends `cancelled`; the cursor stays). Returns how many paused.
   */
  pauseBackfills(ruleId: string): Promise<number>;
  /** The rule was enabled: its paused backfill runs again; returns the chunk runs to enqueue. */
  resumeBackfills(ruleId: string, parallelism?: number): Promise<RunRow[]>;
}
