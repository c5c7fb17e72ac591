import type {
  DataProvider,
  DataType,
  ErrorCode,
  PageCommit,
  ProviderBundle,
  ProviderId,
  ReadPage,
} from '@syncwell/core';
import { reasonNeedsUser, type ChunkCheckpoint, type EndReason } from '../store/backfill-port.js';
import type { ChunkExecution, FinishedRunStatus, MetadataStore, TimeWindow } from '../store/port.js';
import { RunStoppedError } from '../worker/run-stopped-error.js';

/** What the lens learnt from the last page read of a data type, until that page is committed. */
interface PageSeen {
  readonly checkpoint: ChunkCheckpoint;
  readonly refusal?: EndReason;
}

/**
 * One execution of one chunk, as the sync engine sees it through the lens: which pages it
 * committed, what the provider said about the page in flight, and whether its owner stopped it.
 */
export class ChunkExecutionState {
  /** Pages committed by this execution: zero means it made no progress. */
  pages = 0;
  /** Set when the backfill stopped running (cancelled, paused) or the chunk went to a newer run. */
  stoppedBecause: string | null = null;
  private readonly seen = new Map<DataType, PageSeen>();

  constructor(readonly execution: ChunkExecution) {}

  /** Where this data type's reading resumes: the chunk's checkpoint, or the start of the window. */
  cursorOf(dataType: DataType): string | null {
    return this.execution.chunk.cursors[dataType]?.cursor ?? null;
  }

  /** Data types of the backfill not yet read to the end of the chunk's window. */
  typesLeft(): DataType[] {
    return this.execution.dataTypes.filter((t) => this.execution.chunk.cursors[t]?.done !== true);
  }

  sawPage(dataType: DataType, requestCursor: string | null, page: ReadPage): void {
    // The first refusal that needs the user (Garmin's missing HISTORICAL_DATA_EXPORT) becomes
    // the chunk's reason when its page is committed; the engine keeps it as a skipped item.
    const refused = page.items.find((item) => !item.ok && reasonNeedsUser(item.code));
    this.seen.set(dataType, {
      checkpoint: { cursor: page.nextCursor ?? requestCursor, done: !page.hasMore },
      ...(refused === undefined || refused.ok
        ? {}
        : { refusal: { code: refused.code, permission: refused.permission ?? null } }),
    });
  }

  takePage(dataType: DataType): PageSeen | undefined {
    const page = this.seen.get(dataType);
    this.seen.delete(dataType);
    return page;
  }
}

/**
 * The store as a chunk's run sees it: reads start at the chunk's checkpoint (never the rule's
 * cursor), each committed page moves the checkpoint in the same transaction (never the rule's
 * cursor), the rule's data types are the backfill's not yet read to the end, and finishing the
 * run is `finishChunk`'s business.
 */
export function chunkStore(
  store: MetadataStore,
  state: ChunkExecutionState,
  finishChunk: (status: FinishedRunStatus, errorCode?: ErrorCode) => Promise<boolean>,
): MetadataStore {
  const { execution } = state;
  const { chunk } = execution;
  const overrides: Partial<MetadataStore> = {
    getCursor: (_ruleId: string, dataType: DataType) => Promise.resolve(state.cursorOf(dataType)),
    async getRule(id: string, userId?: string) {
      const rule = await store.getRule(id, userId);
      return rule === null ? null : { ...rule, dataTypes: state.typesLeft() };
    },
    // The worker's claim answers rule and cursors as the lens does: the backfill's types left, the chunk's checkpoints.
    async claimRun(id: string) {
      const claim = await store.claimRun(id);
      if (claim === null || id !== chunk.runId) return claim;
      const types = state.typesLeft();
      const cursors = new Map<DataType, string>();
      for (const type of execution.dataTypes) {
        const cursor = state.cursorOf(type);
        if (cursor !== null) cursors.set(type, cursor);
      }
      return { ...claim, rule: claim.rule === null ? null : { ...claim.rule, dataTypes: types }, cursors };
    },
    async commitPage(commit: PageCommit) {
      if (commit.runId !== chunk.runId) return store.commitPage(commit);
      const seen = state.takePage(commit.dataType);
      const result = await store.commitChunkPage({
        chunkId: chunk.id,
        runId: commit.runId,
        commit,
        ...(seen === undefined ? {} : { checkpoint: seen.checkpoint }),
        ...(seen?.refusal === undefined ? {} : { refusal: seen.refusal }),
      });
      if (result.committed) state.pages += 1;
      if (result.backfillStatus === 'detached') state.stoppedBecause = 'the chunk was given to a newer run';
      else if (result.backfillStatus !== 'running')
        state.stoppedBecause = `the backfill is ${result.backfillStatus}`;
      return result.committed;
    },
    finishRun(id: string, status: FinishedRunStatus, errorCode?: ErrorCode) {
      return id === chunk.runId ? finishChunk(status, errorCode) : store.finishRun(id, status, errorCode);
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

/**
 * Every read of the rule's source carries the chunk's window; the provider pages within it by
 * its own cursor. A source read after the owner stopped the chunk throws RunStoppedError
 * instead: the page boundary is where a chunk in flight stops cleanly. Reads of the
 * destination (conflict detection looks at what it holds) pass through untouched.
 */
export function rangedProviders(
  providers: ReadonlyMap<ProviderId, ProviderBundle>,
  range: TimeWindow,
  state: ChunkExecutionState,
): ReadonlyMap<ProviderId, ProviderBundle> {
  const ranged = new Map<ProviderId, ProviderBundle>();
  for (const [id, bundle] of providers) {
    const data: DataProvider = Object.create(bundle.data) as DataProvider;
    data.read = async (session, request) => {
      if (session.connectionId !== state.execution.sourceConnectionId)
        return bundle.data.read(session, request);
      if (state.stoppedBecause !== null) throw new RunStoppedError(state.stoppedBecause);
      const page = await bundle.data.read(session, { ...request, range });
      state.sawPage(request.dataType, request.cursor, page);
      return page;
    };
    ranged.set(id, { ...bundle, data });
  }
  return ranged;
}
