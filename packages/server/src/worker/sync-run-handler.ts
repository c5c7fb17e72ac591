import {
  ProviderError,
  SyncWellError,
  runSync,
  type ConflictAdvisor,
  type ErrorCode,
  type KeyedHash,
  type ProviderBundle,
  type ProviderId,
} from '@syncwell/core';
import type { Logger } from 'pino';
import { ConnectionSession, type RefreshRegistry } from '../connections/connection-session.js';
import { budgetProvider } from '../budgets/budgeted-provider.js';
import type { Coordination, RateLimiter } from '../coordination/port.js';
import { silentNotifier, type Notifier } from '../notifications/port.js';
import { DelayJobError, type JobHandler, type QueueJob } from '../queue/port.js';
import type { ConnectionRow, MetadataStore, RuleRow, RunRow } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';
import { guardConnection } from './connection-guard.js';
import { RunStoppedError } from './run-stopped-error.js';

export interface SyncRunHandlerDeps {
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly coordination: Coordination;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  readonly ledgerHash: KeyedHash;
  readonly refreshes: RefreshRegistry;
  readonly logger: Logger;
  /** Rule lock TTL; renewed every third of it while the run is going. */
  readonly lockTtlMs?: number;
  readonly tokenRefreshMarginMs?: number;
  /** Shared provider budgets; without it requests are not budgeted (tests, benchmarks). */
  readonly rateLimiter?: RateLimiter;
  /** Share of every budget a backfill run may use; default 0.3 (live syncs never starve). */
  readonly backfillShare?: number;
  /** Told about connections needing the user and dead-lettered runs; silent by default. */
  readonly notifier?: Notifier;
  /** Asked about conflicts of `ai_suggestion` rules (the insights service); without it they ask the user. */
  readonly conflictAdvisor?: ConflictAdvisor;
  /** Epoch-ms clock for token expiry decisions; the system clock unless the runtime passes one. */
  readonly now?: () => number;
}

/** Which slice of the provider budgets a run may use. */
interface BudgetLane {
  readonly share?: number;
  readonly lane?: string;
}

/** A run ended for a reason retrying cannot fix (missing rule, connection needing re-auth). */
class RunAbandoned extends SyncWellError {}

/**
 * The worker's job: one sync run of one rule. The run row is the truth (DESIGN §4): a job for
 * a finished run does nothing, so re-enqueued or duplicated jobs are harmless.
 */
export function createSyncRunHandler(deps: SyncRunHandlerDeps): JobHandler {
  const lockTtlMs = deps.lockTtlMs ?? 60_000;
  return async (job) => {
    const runId = job.payload.runId;
    if (runId === undefined) return;
    const run = await deps.store.getRun(runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;

    const lock = await deps.coordination.acquireLock(`rule:${run.ruleId}`, lockTtlMs);
    if (!lock) throw new DelayJobError(2_000, 'SW_RUN_LOCK_LOST', 'Another run of this rule is in progress');
    // A failed renewal (Redis away) is not fatal here: the fencing token guards the commit.
    const renewal = setInterval(
      () => void lock.renew(lockTtlMs).catch(() => false),
      Math.max(1_000, lockTtlMs / 3),
    );
    try {
      // False: the run ended while this job waited for the lock (cancelled, or a duplicate finished it).
      if (!(await deps.store.markRunRunning(run.id))) return;
      const backfill = run.trigger === 'backfill' || job.priority === 'backfill';
      const lane: BudgetLane = backfill ? { share: deps.backfillShare ?? 0.3, lane: 'backfill' } : {};
      const outcome = await executeRun(deps, run, lock.fencingToken, lane);
      await deps.store.finishRun(run.id, outcome.status);
      deps.logger.info({ runId: run.id, ruleId: run.ruleId, counts: outcome.counts }, 'sync run finished');
    } catch (error) {
      await settleFailure(deps, job, run, error);
    } finally {
      clearInterval(renewal);
      await lock.release();
    }
  };
}

async function executeRun(deps: SyncRunHandlerDeps, run: RunRow, fencingToken: number, lane: BudgetLane) {
  const rule = await deps.store.getRule(run.ruleId);
  if (!rule) throw new RunAbandoned('SW_NOT_FOUND', 'The rule was deleted');
  const [source, destination] = await Promise.all([
    endpoint(deps, rule, rule.sourceConnectionId, lane),
    endpoint(deps, rule, rule.destinationConnectionId, lane),
  ]);
  return runSync({
    runId: run.id,
    ruleId: rule.id,
    dataTypes: rule.dataTypes,
    source,
    destination,
    state: deps.store,
    hash: deps.ledgerHash,
    fencingToken,
    conflictStrategy: rule.conflictStrategy,
    ...(deps.conflictAdvisor === undefined ? {} : { conflictAdvisor: deps.conflictAdvisor }),
  });
}

async function endpoint(deps: SyncRunHandlerDeps, rule: RuleRow, connectionId: string, lane: BudgetLane) {
  const connection: ConnectionRow | null = await deps.store.getConnection(connectionId, rule.userId);
  if (!connection || connection.status !== 'active') {
    throw new RunAbandoned('SW_CONNECTION_NOT_READY', 'A connection of this rule needs to be re-authorised');
  }
  const bundle = deps.providers.get(connection.provider);
  if (!bundle)
    throw new RunAbandoned('SW_PROVIDER_NOT_CONFIGURED', `${connection.provider} is not configured`);
  const session = new ConnectionSession(connection, {
    store: deps.store,
    vault: deps.vault,
    oauth: bundle.oauth,
    refreshMarginMs: deps.tokenRefreshMarginMs ?? 5 * 60_000,
    refreshes: deps.refreshes,
    locks: deps.coordination,
    notifier: deps.notifier ?? silentNotifier,
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  const budgeted = deps.rateLimiter
    ? budgetProvider(bundle.data, { rateLimiter: deps.rateLimiter, account: connectionId, ...lane })
    : bundle.data;
  const alarms = { store: deps.store, notifier: deps.notifier ?? silentNotifier };
  return { connectionId, provider: guardConnection(budgeted, connection, alarms), session };
}

/**
 * Retryable failures go back to the queue (backoff, then dead letter); a rate limit delays the
 * job by the provider's reset; auth and permanent failures end the run at once.
 */
async function settleFailure(
  deps: SyncRunHandlerDeps,
  job: QueueJob,
  run: RunRow,
  error: unknown,
): Promise<void> {
  // An empty budget or a busy lock: wait without spending an attempt.
  if (error instanceof DelayJobError) throw error;
  if (error instanceof RunStoppedError) {
    await deps.store.finishRun(run.id, 'cancelled', error.code);
    return;
  }
  const code: ErrorCode = error instanceof SyncWellError ? error.code : 'SW_INTERNAL';
  deps.logger.warn({ runId: run.id, code, attempt: job.attempt }, 'sync run failed');
  if (error instanceof ProviderError && code === 'SW_PROVIDER_RATE_LIMITED') {
    throw new DelayJobError(error.retryAfterMs ?? 60_000);
  }
  const retryable = !(error instanceof SyncWellError) || error.retryClass === 'retry';
  if (retryable && !(error instanceof RunAbandoned) && job.attempt < job.maxAttempts) throw error;
  await deps.store.finishRun(run.id, 'failed', code);
  if (retryable && !(error instanceof RunAbandoned)) {
    // Last attempt: to the dead-letter list, and the user hears that this rule stopped syncing.
    await (deps.notifier ?? silentNotifier)
      .notify({ userId: run.userId, kind: 'run_dead_lettered', ruleId: run.ruleId, runId: run.id, code })
      .catch((notifyError: unknown) =>
        deps.logger.warn(
          { runId: run.id, err: { message: (notifyError as Error).message } },
          'notify failed',
        ),
      );
    throw error;
  }
}
