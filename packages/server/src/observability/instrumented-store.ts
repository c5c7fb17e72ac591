import {
  ERROR_CODES,
  itemMissedData,
  type ErrorCode,
  type PageCommit,
  type RunItemResult,
} from '@syncwell/core';
import type { ChunkFinish, FinishedRunStatus, MetadataStore, RunRow } from '../store/port.js';
import type { SyncWellMetrics } from './sync-metrics.js';
import { inSpan } from './tracing.js';
import { overrideMethods } from './method-override.js';

const ACTIVE_WINDOW_MS = 3_600_000;
/** Runs remembered between the worker's getRun and finishRun; a bound, not a working-set size. */
const MAX_REMEMBERED = 10_000;
const ASKED_USER: ReadonlySet<ErrorCode> = new Set([
  'SW_ITEM_CONFLICT_PENDING',
  'SW_ITEM_CONFLICT_NOT_OVERWRITABLE',
]);
const SETTLED: ReadonlySet<ErrorCode> = new Set([
  'SW_ITEM_CONFLICT_DESTINATION_KEPT',
  'SW_ITEM_CONFLICT_SOURCE_WRITTEN',
]);

type RunFacts = Pick<RunRow, 'trigger' | 'createdAt' | 'userId' | 'ruleId'>;

/**
 * The store seen by the KPIs: it is where runs end, pages commit and conflicts are resolved, so
 * the sync engine and the handlers stay free of metrics code. Wraps any adapter; only the
 * methods below are observed, the rest pass through untouched. What the worker already read
 * (a run's trigger and creation time at `getRun`) is remembered so counting a run's end costs
 * no extra query, except the first success of a user in this process (time to first sync).
 *
 * @example
 *   const store = instrumentStore(postgresStore, metrics, () => Date.now());
 */
export function instrumentStore(
  store: MetadataStore,
  metrics: SyncWellMetrics,
  now: () => number,
): MetadataStore {
  const runs = new Map<string, RunFacts>();
  const backfillRuns = new Map<string, number>(); // runId → days of its chunk
  const userChoices = new Map<string, Set<string>>(); // ruleId → source ids of user-resolved conflicts
  const activeUsers = new Map<string, number>();
  const usersWithSuccess = new Map<string, true>();
  // Runs whose committed pages held an item that missed data: their folded finish is `partial`.
  const missedData = new Map<string, true>();

  const remember = <K, V>(map: Map<K, V>, key: K, value: V) => {
    if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value as K);
    map.set(key, value);
  };
  metrics.beforeScrape.push(() => {
    const since = now() - ACTIVE_WINDOW_MS;
    for (const [user, at] of activeUsers) if (at < since) activeUsers.delete(user);
    metrics.activeUsers.set(activeUsers.size);
    return Promise.resolve();
  });

  const runFacts = async (id: string): Promise<RunFacts | null> => {
    const known = runs.get(id);
    runs.delete(id);
    return known ?? (await store.getRun(id));
  };

  const countRunEnd = async (run: RunFacts, status: FinishedRunStatus, code: ErrorCode | undefined) => {
    metrics.syncJobs.inc({ trigger: run.trigger, outcome: status, error_code: code ?? '' });
    userChoices.delete(run.ruleId);
    if (status === 'failed' && code !== undefined && needsReauth(code)) {
      metrics.reauthFailures.inc({ trigger: run.trigger });
    }
    if (run.trigger === 'backfill') return;
    remember(activeUsers, run.userId, now());
    if (run.trigger === 'manual' && (status === 'succeeded' || status === 'partial')) {
      metrics.manualSyncDuration.observe(
        { outcome: status },
        Math.max(0, now() - run.createdAt.getTime()) / 1000,
      );
    }
    if (status === 'succeeded' && !usersWithSuccess.has(run.userId)) await countFirstSync(run);
  };

  // Two runs of one user ending together in two workers may both see two successes and count
  // neither; the histogram is for a median, so a rare miss is acceptable.
  const countFirstSync = async (run: RunFacts) => {
    const [user, successes] = await Promise.all([
      store.getUser(run.userId),
      store.listRuns({ userId: run.userId, status: 'succeeded', kind: 'sync', limit: 2 }),
    ]);
    remember(usersWithSuccess, run.userId, true);
    if (user !== null && successes.length === 1) {
      metrics.timeToFirstSync.observe(Math.max(0, now() - user.createdAt.getTime()) / 1000);
    }
  };

  const countPage = (commit: PageCommit) => {
    const chosen = userChoices.get(commit.ruleId);
    const backfill = backfillRuns.has(commit.runId);
    for (const item of commit.items) {
      if (backfill) metrics.backfillRecords.inc({ outcome: item.outcome });
      countConflict(item, chosen);
    }
  };
  // The hot path ends a run inside its last page's commit (PageCommit.finish): the same status
  // rule as the store's (partial when any committed item missed data), from what passed here.
  const countFoldedFinish = async (commit: PageCommit) => {
    if (commit.items.some(itemMissedData)) remember(missedData, commit.runId, true);
    if (commit.finish !== true) return;
    const status = missedData.has(commit.runId) ? 'partial' : 'succeeded';
    missedData.delete(commit.runId);
    const run = await runFacts(commit.runId);
    if (run !== null) await countRunEnd(run, status, undefined);
  };
  const countConflict = (item: RunItemResult, chosen: Set<string> | undefined) => {
    if (ASKED_USER.has(item.code)) metrics.conflictsDetected.inc({ handling: 'asked_user' });
    else if (SETTLED.has(item.code) && chosen?.has(item.externalId) !== true) {
      metrics.conflictsDetected.inc({ handling: 'settled_by_strategy' });
      metrics.conflictsResolved.inc({ by: 'strategy' });
    }
  };

  const observed: Partial<MetadataStore> = {
    createUser: async (input) => {
      const user = await store.createUser(input);
      metrics.signups.inc();
      return user;
    },
    claimRun: async (id) => {
      const claim = await store.claimRun(id);
      if (claim !== null) remember(runs, id, claim.run);
      return claim;
    },
    getRun: async (id, userId) => {
      const run = await store.getRun(id, userId);
      if (run !== null && userId === undefined && (run.status === 'queued' || run.status === 'running')) {
        remember(runs, id, run);
      }
      return run;
    },
    finishRun: async (id, status, errorCode) => {
      missedData.delete(id);
      const finished = await store.finishRun(id, status, errorCode);
      if (finished) {
        const run = await runFacts(id);
        if (run !== null) await countRunEnd(run, status, errorCode).catch(() => undefined);
      } else runs.delete(id);
      return finished;
    },
    beginChunkExecution: async (runId) => {
      const execution = await store.beginChunkExecution(runId);
      if (execution !== null) {
        const { from, to } = execution.chunk.range;
        remember(backfillRuns, runId, (to.getTime() - from.getTime()) / 86_400_000);
      }
      return execution;
    },
    finishBackfillChunk: async (input: ChunkFinish) => {
      const result = await store.finishBackfillChunk(input);
      const days = backfillRuns.get(input.runId);
      backfillRuns.delete(input.runId);
      runs.delete(input.runId);
      if (result !== null) {
        metrics.syncJobs.inc({
          trigger: 'backfill',
          outcome: input.status,
          error_code: input.errorCode ?? '',
        });
        if (input.status === 'failed' && input.errorCode !== undefined && needsReauth(input.errorCode)) {
          metrics.reauthFailures.inc({ trigger: 'backfill' });
        }
        if (days !== undefined && (input.status === 'succeeded' || input.status === 'partial')) {
          metrics.backfillDays.inc(days);
        }
      }
      return result;
    },
    commitPage: (commit) =>
      inSpan(
        'store commitPage',
        { 'syncwell.run_id': commit.runId, 'syncwell.items': commit.items.length },
        async () => {
          const stop = metrics.storeCommitDuration.startTimer();
          const committed = await store.commitPage(commit);
          stop();
          if (committed) {
            countPage(commit);
            await countFoldedFinish(commit).catch(() => undefined);
          }
          return committed;
        },
      ),
    listResolvedConflicts: async (ruleId) => {
      const resolved = await store.listResolvedConflicts(ruleId);
      if (resolved.length > 0)
        remember(userChoices, ruleId, new Set(resolved.map((c) => c.sourceExternalId)));
      return resolved;
    },
    resolveConflict: async (id, userId, choice) => {
      const before = await store.getConflict(id, userId);
      const row = await store.resolveConflict(id, userId, choice);
      if (row !== null && before?.status === 'open') metrics.conflictsResolved.inc({ by: 'user' });
      return row;
    },
    setConnectionStatus: async (id, status) => {
      const changed = await store.setConnectionStatus(id, status);
      if (changed && (status === 'needs_reauth' || status === 'exhausted')) {
        metrics.connectionsNeedingReauth.inc({ status });
      }
      return changed;
    },
  };

  return overrideMethods(store, observed);
}

/** The run failed because the provider refused the tokens, or the connection already needs the user. */
function needsReauth(code: ErrorCode): boolean {
  return code === 'SW_CONNECTION_NOT_READY' || ERROR_CODES[code].retry === 'auth';
}
