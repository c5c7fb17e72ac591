import { NotFoundError, SyncWellError, type ProviderFacts, type ProviderId } from '@syncwell/core';
import type { JobQueue } from '../queue/port.js';
import type { BackfillRow, MetadataStore } from '../store/port.js';
import { enqueueChunks } from './backfill-chunk-job.js';
import {
  DEFAULT_BACKFILL_POLICY,
  chunkMsFor,
  chunkWindows,
  gapsOf,
  resolveWindow,
  type BackfillPolicy,
} from './backfill-plan.js';

export interface BackfillStarterDeps {
  readonly store: MetadataStore;
  readonly queue: JobQueue;
  /** Facts of the providers SyncWell knows (for the source's backfill window). */
  readonly factsOf: (provider: ProviderId) => ProviderFacts | undefined;
  readonly policy?: BackfillPolicy;
  readonly now?: () => Date;
  readonly onEnqueueError?: (error: unknown, runId: string) => void;
}

export interface BackfillRequest {
  readonly ruleId: string;
  readonly userId: string;
  readonly from?: Date;
  readonly to?: Date;
}

/**
 * Starts a backfill of a rule: resolves the window (provider caps), keeps only the gaps no
 * earlier backfill of this rule has done (a reconnect or a wider window re-fetches nothing),
 * cuts them into chunks and enqueues the first. Throws SW_NOT_FOUND, SW_CONNECTION_NOT_READY,
 * SW_VALIDATION_FAILED (empty window) or SW_CONFLICT (a backfill of this rule is running).
 *
 * @example
 *   const backfill = await startBackfill(deps, { ruleId, userId, from: new Date('2025-01-01') });
 */
export async function startBackfill(
  deps: BackfillStarterDeps,
  request: BackfillRequest,
): Promise<BackfillRow> {
  const { store } = deps;
  const policy = deps.policy ?? DEFAULT_BACKFILL_POLICY;
  const rule = await store.getRule(request.ruleId, request.userId);
  if (rule === null) throw new NotFoundError('rule', request.ruleId);
  const [source, destination] = await Promise.all([
    store.getConnection(rule.sourceConnectionId, request.userId),
    store.getConnection(rule.destinationConnectionId, request.userId),
  ]);
  for (const connection of [source, destination]) {
    if (connection?.status !== 'active') {
      throw new SyncWellError('SW_CONNECTION_NOT_READY', undefined, {
        connectionId: connection?.id ?? null,
      });
    }
  }
  const running = await store.findRunningBackfill(rule.id);
  if (running !== null) {
    throw new SyncWellError('SW_CONFLICT', 'A backfill of this rule is running', { backfillId: running.id });
  }
  const window = resolveWindow({
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
    now: (deps.now ?? (() => new Date()))(),
    providerWindowDays: source
      ? (deps.factsOf(source.provider)?.capabilities.backfillWindowDays ?? null)
      : null,
    defaultWindowDays: policy.defaultWindowDays,
  });
  const done = await store.listDoneBackfillWindows(rule.id, rule.dataTypes);
  const chunks = chunkWindows(gapsOf(window, done), chunkMsFor(rule.dataTypes, policy));
  const { backfill, runs } = await store.createBackfill({
    ruleId: rule.id,
    userId: request.userId,
    dataTypes: rule.dataTypes,
    range: window,
    chunks,
    parallelism: policy.parallelism,
  });
  await enqueueChunks(deps.queue, runs, (error, run) => deps.onEnqueueError?.(error, run.id));
  return backfill;
}
