import { systemClock } from '@syncwell/core';
import { NotFoundError, SyncWellError, type ProviderFacts, type ProviderId } from '@syncwell/core';
import type { JobQueue } from '../queue/port.js';
import type { BackfillClamp, BackfillRow, MetadataStore, TimeWindow } from '../store/port.js';
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

export interface StartedBackfill {
  readonly backfill: BackfillRow;
  /** False: the rule already had a running or paused backfill, which this is. */
  readonly created: boolean;
}

/**
 * Starts a backfill of a rule, or answers the one it already has (one running or paused
 * backfill per rule, race-safe in the store). Resolves the window (provider window, most
 * chunks, never the future: each clamp reported), keeps only the gaps no earlier backfill of
 * this rule read cleanly (a reconnect or a wider window re-fetches nothing), cuts them into
 * chunks and enqueues the first. A disabled rule's backfill is created paused. Throws
 * SW_NOT_FOUND, SW_CONNECTION_NOT_READY or SW_VALIDATION_FAILED (empty window).
 *
 * @example
 *   const { backfill, created } = await startBackfill(deps, { ruleId, userId, from: new Date('2025-01-01') });
 */
export async function startBackfill(
  deps: BackfillStarterDeps,
  request: BackfillRequest,
): Promise<StartedBackfill> {
  const { store } = deps;
  const policy = deps.policy ?? DEFAULT_BACKFILL_POLICY;
  const rule = await store.getRule(request.ruleId, request.userId);
  if (rule === null) throw new NotFoundError('rule', request.ruleId);
  const active = await store.findActiveBackfill(rule.id);
  if (active !== null) return { backfill: active, created: false };
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
  const chunkMs = chunkMsFor(rule.dataTypes, policy);
  const { window, clamps } = resolveWindow({
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
    now: (deps.now ?? systemClock.now)(),
    providerWindowDays: source
      ? (deps.factsOf(source.provider)?.capabilities.backfillWindowDays ?? null)
      : null,
    defaultWindowDays: policy.defaultWindowDays,
    chunkMs,
    maxChunks: policy.maxChunks,
  });
  const done = await store.listDoneBackfillWindows(rule.id, rule.dataTypes);
  const planned = capChunks(window, clamps, chunkWindows(gapsOf(window, done), chunkMs), policy.maxChunks);
  const { backfill, runs, created } = await store.createBackfill({
    ruleId: rule.id,
    userId: request.userId,
    dataTypes: rule.dataTypes,
    range: planned.window,
    requested: { from: request.from ?? null, to: request.to ?? null },
    clamps: planned.clamps,
    chunks: planned.chunks,
    parallelism: policy.parallelism,
    paused: !rule.enabled,
  });
  await enqueueChunks(deps.queue, runs, (error, run) => deps.onEnqueueError?.(error, run.id));
  return { backfill, created };
}

/**
 * Gaps left by earlier backfills can cut a window into more chunks than its length alone would
 * need; past `maxChunks` the oldest are dropped and the window's start moves with them.
 */
function capChunks(
  window: TimeWindow,
  clamps: readonly BackfillClamp[],
  chunks: TimeWindow[],
  maxChunks: number,
): { window: TimeWindow; clamps: BackfillClamp[]; chunks: TimeWindow[] } {
  const kept = chunks.slice(0, maxChunks);
  const oldest = kept.at(-1);
  if (kept.length === chunks.length || oldest === undefined) return { window, clamps: [...clamps], chunks };
  const capped = clamps.filter((c) => c.reason !== 'max_chunks');
  capped.push({ bound: 'from', reason: 'max_chunks', limit: maxChunks });
  return { window: { from: oldest.from, to: window.to }, clamps: capped, chunks: kept };
}
