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
import type { ConnectionRow, MetadataStore, RunClaim, RunRow } from '../store/port.js';
import { claimedState } from './claimed-state.js';
import type { SecretVault } from '../vault/port.js';
import { withConflictNotice } from './conflict-notice.js';
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
  /**
   * The last page's commit also ends the run (one statement less per job). Default true; false
   * where ending the run is someone else's business (a backfill chunk's: finishRun is its hook).
   */
  readonly finishWithLastPage?: boolean;
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
    // Dispatched jobs name the rule, so the lock comes first and one statement claims the run;
    // a job without it (an old one) costs a read.
    let ruleId = job.payload.ruleId;
    if (ruleId === undefined) {
      const run = await deps.store.getRun(runId);
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
      ruleId = run.ruleId;
    }

    const lock = await deps.coordination.acquireLock(`rule:${ruleId}`, lockTtlMs);
    if (!lock) throw new DelayJobError(2_000, 'SW_RUN_LOCK_LOST', 'Another run of this rule is in progress');
    // A failed renewal (Redis away) is not fatal here: the fencing token guards the commit.
    const renewal = setInterval(
      () => void lock.renew(lockTtlMs).catch(() => false),
      Math.max(1_000, lockTtlMs / 3),
    );
    try {
      // Null: the run ended while this job waited for the lock (cancelled, or a duplicate finished it).
      const claim = await deps.store.claimRun(runId);
      if (claim === null) return;
      const run = claim.run;
      try {
        // The lock taken is the payload's rule's: a job naming another rule must not run under it.
        if (run.ruleId !== ruleId)
          throw new RunAbandoned('SW_INTERNAL', "The job names another rule than its run's");
        const backfill = run.trigger === 'backfill' || job.priority === 'backfill';
        const lane: BudgetLane = backfill ? { share: deps.backfillShare ?? 0.3, lane: 'backfill' } : {};
        const outcome = await executeRun(deps, claim, lock.fencingToken, lane);
        // The last page's commit normally ended the run already (SyncRunInput.finishRun).
        if (outcome.finished !== true) await deps.store.finishRun(run.id, outcome.status);
        deps.logger.info({ runId: run.id, ruleId: run.ruleId, counts: outcome.counts }, 'sync run finished');
      } catch (error) {
        await settleFailure(deps, job, run, error);
      }
    } finally {
      clearInterval(renewal);
      await lock.release();
    }
  };
}

async function executeRun(deps: SyncRunHandlerDeps, claim: RunClaim, fencingToken: number, lane: BudgetLane) {
  const { run, rule } = claim;
  if (!rule) throw new RunAbandoned('SW_NOT_FOUND', 'The rule was deleted');
  const source = endpoint(deps, claim.source, lane);
  const destination = endpoint(deps, claim.destination, lane);
  return runSync({
    runId: run.id,
    ruleId: rule.id,
    dataTypes: rule.dataTypes,
    source,
    destination,
    state: withConflictNotice(
      claimedState(deps.store, claim),
      run,
      deps.notifier ?? silentNotifier,
      deps.logger,
    ),
    hash: deps.ledgerHash,
    fencingToken,
    conflictStrategy: rule.conflictStrategy,
    finishRun: deps.finishWithLastPage ?? true,
    ...(deps.conflictAdvisor === undefined ? {} : { conflictAdvisor: deps.conflictAdvisor }),
  });
}

function endpoint(deps: SyncRunHandlerDeps, connection: ConnectionRow | null, lane: BudgetLane) {
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
    ? budgetProvider(bundle.data, { rateLimiter: deps.rateLimiter, account: connection.id, ...lane })
    : bundle.data;
  const alarms = { store: deps.store, notifier: deps.notifier ?? silentNotifier };
  return { connectionId: connection.id, provider: guardConnection(budgeted, connection, alarms), session };
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
