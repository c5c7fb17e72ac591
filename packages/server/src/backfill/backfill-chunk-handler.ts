import type { ErrorCode } from '@syncwell/core';
import { silentNotifier, type Notifier } from '../notifications/port.js';
import { DelayJobError, type JobHandler, type JobQueue } from '../queue/port.js';
import type { BackfillChunkRow, FinishedRunStatus } from '../store/port.js';
import { createSyncRunHandler, type SyncRunHandlerDeps } from '../worker/sync-run-handler.js';
import { enqueueChunks } from './backfill-chunk-job.js';
import { ChunkExecutionState, chunkStore, rangedProviders } from './backfill-chunk-lens.js';
import { noticeBackfillEnd } from './backfill-notice.js';

export interface BackfillChunkHandlerDeps extends SyncRunHandlerDeps {
  /** Where the next chunks' jobs go once a chunk finishes. */
  readonly queue: JobQueue;
  /** Chunks of one backfill running at once (default 1: in order). */
  readonly parallelism?: number;
  /**
   * Executions in a row that may end delayed by a rate limit (the provider's 429 or our own
   * budget) without committing a page; the next one fails the chunk with the delay's code.
   * Default 100, with the delays growing to 15 min: about a day without progress.
   */
  readonly maxStalledExecutions?: number;
}

export const DEFAULT_MAX_STALLED_EXECUTIONS = 100;
const STALL_BACKOFF_CAP_MS = 15 * 60_000;

/** A stalled chunk waits at least as long as asked, and longer each time: 1 s, 2 s, 4 s, … 15 min. */
export function stallDelayMs(askedMs: number, stalls: number): number {
  return Math.max(askedMs, Math.min(STALL_BACKOFF_CAP_MS, 1_000 * 2 ** Math.min(stalls - 1, 20)));
}

/**
 * Runs one execution of one backfill chunk. The chunk is the ordinary sync-run job of its run
 * row, seen through a lens (backfill-chunk-lens.ts): reads carry the chunk's window and start
 * at its checkpoint, each committed page moves the checkpoint, and finishing the run finishes
 * the chunk and starts the next ones (one store transaction), whose jobs are then enqueued.
 * Locks, fencing, budgets (the backfill lane) and retries are the sync-run handler's own.
 *
 * Why every backfill ends (DESIGN §4, issue 8 §3): an execution that commits a page never has
 * to read it again, so executions that make progress are bounded by the chunk's pages; retried
 * failures are bounded by the queue's attempts; delays (which spend no attempt) are counted
 * when nothing was committed and bounded by `maxStalledExecutions`; a reason that needs the
 * user stops the chunks after it. When the backfill ends other than cleanly the user is told.
 *
 * A job whose run belongs to no chunk (a 'backfill' run made elsewhere) runs as a plain sync.
 */
export function createBackfillChunkHandler(deps: BackfillChunkHandlerDeps): JobHandler {
  const plain = createSyncRunHandler(deps);
  const maxStalls = deps.maxStalledExecutions ?? DEFAULT_MAX_STALLED_EXECUTIONS;
  // The backfill's own notice says how it ended; a dead letter per chunk would only repeat it.
  const inner = deps.notifier ?? silentNotifier;
  const notifier: Notifier = {
    notify: (event) => (event.kind === 'run_dead_lettered' ? Promise.resolve() : inner.notify(event)),
  };

  return async (job) => {
    const runId = job.payload.runId;
    const execution = runId === undefined ? null : await deps.store.beginChunkExecution(runId);
    if (execution === null) return plain(job);
    const { chunk } = execution;
    const finish = (status: FinishedRunStatus, errorCode?: ErrorCode) =>
      finishChunk(deps, chunk, status, errorCode);
    if (!execution.ruleEnabled) {
      // The rule was disabled but its backfill not paused (a crash between the two): pause now.
      await deps.store.pauseBackfills(chunk.ruleId);
      return;
    }
    if (execution.backfillStatus !== 'running') {
      await finish('cancelled', 'SW_RUN_CANCELLED');
      return;
    }
    const state = new ChunkExecutionState(execution);
    const handler = createSyncRunHandler({
      ...deps,
      notifier,
      store: chunkStore(deps.store, state, finish),
      // The chunk ends through `finish` (its checkpoint, its backfill), never inside a page commit.
      finishWithLastPage: false,
      providers: rangedProviders(deps.providers, chunk.range, state),
    });
    try {
      await handler(job);
    } catch (error) {
      // A busy rule lock is bounded by the run holding it; only rate-limit waits are stalls.
      if (!(error instanceof DelayJobError) || error.code === 'SW_RUN_LOCK_LOST' || state.pages > 0)
        throw error;
      const stalls = await deps.store.recordChunkStall(chunk.id);
      if (stalls < maxStalls)
        throw new DelayJobError(stallDelayMs(error.delayMs, stalls), error.code, error.message);
      deps.logger.warn(
        { chunkId: chunk.id, stalls, code: error.code },
        'backfill chunk made no progress; failing it',
      );
      await finish('failed', error.code);
    }
  };
}

async function finishChunk(
  deps: BackfillChunkHandlerDeps,
  chunk: BackfillChunkRow,
  status: FinishedRunStatus,
  errorCode: ErrorCode | undefined,
): Promise<boolean> {
  if (chunk.runId === null) return false;
  const result = await deps.store.finishBackfillChunk({
    runId: chunk.runId,
    status,
    ...(errorCode === undefined ? {} : { errorCode }),
    parallelism: deps.parallelism ?? 1,
  });
  if (result === null) return false;
  await enqueueChunks(deps.queue, result.runs, (error, run) =>
    deps.logger.warn(
      { runId: run.id, err: { message: (error as Error).message } },
      'enqueue of the next backfill chunk failed; the sweep will pick it up',
    ),
  );
  if (result.settled) {
    const { backfill } = result;
    deps.logger.info(
      { backfillId: backfill.id, status: backfill.status, chunks: backfill.progress.chunks },
      'backfill finished',
    );
    await noticeBackfillEnd(deps, backfill).catch((error: unknown) =>
      deps.logger.warn(
        { backfillId: backfill.id, err: { message: (error as Error).message } },
        'backfill notice failed',
      ),
    );
  }
  return true;
}
