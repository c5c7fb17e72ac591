import {
  ERROR_CODES,
  type DataProvider,
  type ErrorCode,
  type PageCommit,
  type ProviderBundle,
  type ProviderId,
} from '@syncwell/core';
import type { JobHandler, JobQueue } from '../queue/port.js';
import type { BackfillChunkRow, FinishedRunStatus, MetadataStore, TimeWindow } from '../store/port.js';
import { createSyncRunHandler, type SyncRunHandlerDeps } from '../worker/sync-run-handler.js';
import { enqueueChunks } from './backfill-chunk-job.js';

export interface BackfillChunkHandlerDeps extends SyncRunHandlerDeps {
  /** Where the next chunks' jobs go once a chunk finishes. */
  readonly queue: JobQueue;
  /** Chunks of one backfill running at once (default 1: in order). */
  readonly parallelism?: number;
}

/** Codes after which the following chunks cannot succeed either: they stay a gap for later. */
function stopsBackfill(code: ErrorCode | undefined): boolean {
  if (code === undefined) return false;
  if (code === 'SW_CONNECTION_NOT_READY' || code === 'SW_NOT_FOUND' || code === 'SW_PROVIDER_NOT_CONFIGURED')
    return true;
  return ERROR_CODES[code].retry === 'auth';
}

/**
 * Runs one backfill chunk. The chunk is the ordinary sync-run job of its run row, seen through
 * a lens: reads carry the chunk's window, the rule's incremental cursor is neither read nor
 * moved, each committed page updates the chunk's checkpoint, and finishing the run finishes the
 * chunk and starts the next ones (one store transaction), whose jobs are then enqueued. Locks,
 * fencing, budgets (the backfill lane), retries and notifications are the sync-run handler's
 * own, so the two cannot drift apart.
 *
 * A job whose run belongs to no chunk (a 'backfill' run made elsewhere) runs as a plain sync.
 */
export function createBackfillChunkHandler(deps: BackfillChunkHandlerDeps): JobHandler {
  const plain = createSyncRunHandler(deps);
  return async (job) => {
    const runId = job.payload.runId;
    const chunk = runId === undefined ? null : await deps.store.findBackfillChunkByRun(runId);
    if (chunk === null) return plain(job);
    const handler = createSyncRunHandler({
      ...deps,
      store: chunkStore(deps, chunk),
      providers: rangedProviders(deps.providers, chunk.range),
    });
    return handler(job);
  };
}

function chunkStore(deps: BackfillChunkHandlerDeps, chunk: BackfillChunkRow): MetadataStore {
  const { store } = deps;
  let pages = 0;
  let records = 0;
  const overrides: Partial<MetadataStore> = {
    // A backfill starts at its window, never at the rule's cursor...
    getCursor: () => Promise.resolve(null),
    // ...and leaves the cursor where live syncs put it.
    async commitPage(commit: PageCommit) {
      const committed = await store.commitPage({ ...commit, cursor: null });
      if (committed && commit.runId === chunk.runId) {
        pages += 1;
        records += commit.items.filter((item) => item.outcome !== 'failed').length;
        await store.recordChunkProgress(chunk.id, pages, records);
      }
      return committed;
    },
    async finishRun(id: string, status: FinishedRunStatus, errorCode?: ErrorCode) {
      if (id !== chunk.runId) return store.finishRun(id, status, errorCode);
      const result = await store.finishBackfillChunk({
        runId: id,
        status,
        ...(errorCode === undefined ? {} : { errorCode }),
        parallelism: deps.parallelism ?? 1,
        stopBackfill: status === 'failed' && stopsBackfill(errorCode),
      });
      if (result === null) return false;
      await enqueueChunks(deps.queue, result.runs, (error, run) =>
        deps.logger.warn(
          { runId: run.id, err: { message: (error as Error).message } },
          'enqueue of the next backfill chunk failed; the sweep will pick it up',
        ),
      );
      if (result.backfill.status !== 'running') {
        deps.logger.info(
          {
            backfillId: result.backfill.id,
            status: result.backfill.status,
            progress: result.backfill.progress,
          },
          'backfill finished',
        );
      }
      return true;
    },
  };
  // A proxy rather than a spread: adapters may be class instances whose methods need `this`.
  return new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) {
        return overrides[property as keyof MetadataStore];
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Every read carries the chunk's window; the provider pages within it by its own cursor. */
function rangedProviders(
  providers: ReadonlyMap<ProviderId, ProviderBundle>,
  range: TimeWindow,
): ReadonlyMap<ProviderId, ProviderBundle> {
  const ranged = new Map<ProviderId, ProviderBundle>();
  for (const [id, bundle] of providers) {
    const data: DataProvider = Object.create(bundle.data) as DataProvider;
    data.read = (session, request) => bundle.data.read(session, { ...request, range });
    ranged.set(id, { ...bundle, data });
  }
  return ranged;
}
