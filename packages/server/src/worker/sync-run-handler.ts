import {
  ProviderError,
  SyncWellError,
  runSync,
  type ErrorCode,
  type KeyedHash,
  type ProviderBundle,
  type ProviderId,
} from '@syncwell/core';
import type { Logger } from 'pino';
import { ConnectionSession, type RefreshRegistry } from '../connections/connection-session.js';
import type { Coordination } from '../coordination/port.js';
import { DelayJobError, type JobHandler, type QueueJob } from '../queue/port.js';
import type { ConnectionRow, MetadataStore, RuleRow, RunRow } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';
import { guardConnection } from './connection-guard.js';

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
    if (!run || run.status === 'succeeded' || run.status === 'partial' || run.status === 'failed') return;

    const lock = await deps.coordination.acquireLock(`rule:${run.ruleId}`, lockTtlMs);
    if (!lock) throw new DelayJobError(2_000, 'SW_RUN_LOCK_LOST', 'Another run of this rule is in progress');
    // A failed renewal (Redis away) is not fatal here: the fencing token guards the commit.
    const renewal = setInterval(
      () => void lock.renew(lockTtlMs).catch(() => false),
      Math.max(1_000, lockTtlMs / 3),
    );
    try {
      await deps.store.markRunRunning(run.id);
      const outcome = await executeRun(deps, run, lock.fencingToken);
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

async function executeRun(deps: SyncRunHandlerDeps, run: RunRow, fencingToken: number) {
  const rule = await deps.store.getRule(run.ruleId);
  if (!rule) throw new RunAbandoned('SW_NOT_FOUND', 'The rule was deleted');
  const [source, destination] = await Promise.all([
    endpoint(deps, rule, rule.sourceConnectionId),
    endpoint(deps, rule, rule.destinationConnectionId),
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
  });
}

async function endpoint(deps: SyncRunHandlerDeps, rule: RuleRow, connectionId: string) {
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
  });
  return { connectionId, provider: guardConnection(bundle.data, connectionId, deps.store), session };
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
  const code: ErrorCode = error instanceof SyncWellError ? error.code : 'SW_INTERNAL';
  deps.logger.warn({ runId: run.id, code, attempt: job.attempt }, 'sync run failed');
  if (error instanceof ProviderError && code === 'SW_PROVIDER_RATE_LIMITED') {
    throw new DelayJobError(error.retryAfterMs ?? 60_000);
  }
  const retryable = !(error instanceof SyncWellError) || error.retryClass === 'retry';
  if (retryable && !(error instanceof RunAbandoned) && job.attempt < job.maxAttempts) throw error;
  await deps.store.finishRun(run.id, 'failed', code);
  if (retryable && !(error instanceof RunAbandoned)) throw error; // last attempt: to the dead-letter list
}
