import type { DataType, ErrorCode } from '@syncwell/core';
import type { FinishedRunStatus, RunRow } from './store-rows.js';

/*
 * The store's side of historical backfill (DESIGN §4). A backfill is a window of one rule's
 * history cut into chunks; a chunk is "running" from the moment it is given its run row
 * (trigger 'backfill') until that run finishes. Every step that moves a chunk also creates the
 * run rows of the chunks that follow, in the same transaction, so a backfill that is not
 * finished always has a queued or running run: the ordinary run sweep re-enqueues it after a
 * crash, and no backfill-specific sweep is needed.
 */

export const BACKFILL_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

export const BACKFILL_CHUNK_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type BackfillChunkStatus = (typeof BACKFILL_CHUNK_STATUSES)[number];

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface BackfillProgress {
  readonly chunks: { readonly total: number; readonly done: number; readonly failed: number };
  /** Distinct records of the window seen so far (written, or found already synced). */
  readonly records: number;
  /** Milliseconds of the window in chunks that are done. */
  readonly doneMs: number;
  /** Milliseconds covered by chunks; the rest of the window was done by earlier backfills. */
  readonly plannedMs: number;
}

export interface BackfillRow {
  readonly id: string;
  readonly ruleId: string;
  readonly userId: string;
  readonly dataTypes: readonly DataType[];
  /** The window asked for; its chunks may cover less of it when parts were done before. */
  readonly range: TimeWindow;
  readonly status: BackfillStatus;
  readonly progress: BackfillProgress;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
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
  readonly records: number;
  /**
   * Pages of this chunk committed so far. A chunk resumed after a crash reads its window again
   * from the start (range reads take no cursor); the ledger skips what those pages wrote.
   */
  readonly checkpoint: number;
}

export interface NewBackfill {
  readonly ruleId: string;
  readonly userId: string;
  readonly dataTypes: readonly DataType[];
  readonly range: TimeWindow;
  /** In the order they should run; may be empty when the whole window was done before. */
  readonly chunks: readonly TimeWindow[];
  /** How many chunks get a run at once (default 1: in order). */
  readonly parallelism?: number;
}

export interface ChunkFinish {
  readonly runId: string;
  readonly status: FinishedRunStatus;
  readonly errorCode?: ErrorCode;
  /** How many chunks of the backfill may be running after this one (default 1). */
  readonly parallelism?: number;
  /** Fail the chunks still pending too (the connection needs re-auth): they stay a gap. */
  readonly stopBackfill?: boolean;
}

/**
 * Backfill bookkeeping, atomic per method like the rest of the store.
 *
 * Deliberately absent: job handling and provider facts. The store does not know what a chunk
 * reads; the backfill planner (server/src/backfill/) decides windows and chunk sizes.
 *
 * @example
 *   const { backfill, runs } = await store.createBackfill({ ruleId, userId, dataTypes, range, chunks });
 *   for (const run of runs) await queue.enqueue(chunkJob(run));
 */
export interface BackfillStore {
  /** Inserts the backfill, its chunks and the runs of the first chunks; returns those runs to enqueue. */
  createBackfill(input: NewBackfill): Promise<{ backfill: BackfillRow; runs: RunRow[] }>;
  getBackfill(id: string, userId?: string): Promise<BackfillRow | null>;
  /** The newest backfill of this rule that is still running, if any. */
  findRunningBackfill(ruleId: string): Promise<BackfillRow | null>;
  listBackfillChunks(backfillId: string): Promise<BackfillChunkRow[]>;
  /** The chunk a backfill run belongs to; null for any other run. */
  findBackfillChunkByRun(runId: string): Promise<BackfillChunkRow | null>;
  /** Windows of this rule already done by earlier backfills whose data types cover `dataTypes`. */
  listDoneBackfillWindows(ruleId: string, dataTypes: readonly DataType[]): Promise<TimeWindow[]>;
  /** After each committed page: the chunk's checkpoint and live record count. */
  recordChunkProgress(chunkId: string, checkpoint: number, records: number): Promise<void>;
  /**
   * Finishes the chunk's run (as finishRun) and the chunk, gives the next pending chunks their
   * runs, and settles the backfill when nothing is left. Null when the run was already finished
   * (a duplicate job): nothing changes, so no chunk is ever redone or advanced twice.
   */
  finishBackfillChunk(input: ChunkFinish): Promise<{ backfill: BackfillRow; runs: RunRow[] } | null>;
}
