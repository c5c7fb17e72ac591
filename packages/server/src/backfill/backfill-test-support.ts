import { createHash, randomBytes } from 'node:crypto';
import { SyncWellError, type ErrorCode, type ProviderBundle, type ProviderId } from '@syncwell/core';
import { approveConsent } from '@syncwell/testbed';
import { pino } from 'pino';
import { sealTokenSet } from '../auth/connection-tokens.js';
import { RefreshRegistry } from '../connections/connection-session.js';
import type { TestBed } from '../connections/connection-test-support.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import { createInboxNotifier } from '../notifications/inbox/inbox-notifier.js';
import {
  DelayJobError,
  UnrecoverableJobError,
  type DeadLetter,
  type EnqueueJob,
  type JobHandler,
  type JobQueue,
  type QueueCounts,
  type QueueJob,
} from '../queue/port.js';
import { createLedgerHash } from '../runtime/ledger-hash.js';
import type { ConnectionRow } from '../store/port.js';
import { createSyncRunHandler } from '../worker/sync-run-handler.js';
import { createBackfillChunkHandler } from './backfill-chunk-handler.js';
import { routeBackfillJobs } from './backfill-job-router.js';

/*
 * Test support for backfills driven step by step: a clock the tests move, and a queue that
 * runs one job execution at a time on that clock, so "a backfill ends within N job executions"
 * is something a test can count, and a rate-limit wait of 15 minutes costs no real time.
 */

/** Epoch milliseconds that move only when told: time is an input. */
export class TestClock {
  constructor(public ms: number) {}

  readonly now = (): number => this.ms;
  readonly date = (): Date => new Date(this.ms);

  advance(ms: number): void {
    this.ms += Math.max(0, ms);
  }
}

/**
 * A JobQueue with the memory queue's semantics (priorities, job-id dedup, delays that spend no
 * attempt, retries with backoff, dead letters), executed by `drain` one job at a time: a delay
 * or backoff moves the clock instead of waiting.
 */
export class SteppingQueue implements JobQueue {
  private readonly waiting: { job: QueueJob; dueMs: number }[] = [];
  private readonly dead: DeadLetter[] = [];
  private handler: JobHandler | undefined;
  /** Job executions so far, all jobs together. */
  executions = 0;

  constructor(
    private readonly clock: TestClock,
    private readonly attempts = 3,
    private readonly backoffMs = 1_000,
  ) {}

  enqueue(input: EnqueueJob): Promise<{ id: string; deduplicated: boolean }> {
    const id = input.jobId ?? `job-${this.executions}-${this.waiting.length}`;
    if (this.waiting.some((w) => w.job.id === id)) return Promise.resolve({ id, deduplicated: true });
    const job: QueueJob = {
      id,
      name: input.name,
      payload: input.payload,
      priority: input.priority ?? 'scheduled',
      attempt: 1,
      maxAttempts: input.attempts ?? this.attempts,
    };
    this.waiting.push({ job, dueMs: this.clock.now() + (input.delayMs ?? 0) });
    return Promise.resolve({ id, deduplicated: false });
  }

  process(handler: JobHandler): void {
    this.handler = handler;
  }

  /**
   * Runs jobs, earliest due first, until none is left or `maxExecutions` ran. Returns how many
   * ran; the queue is idle afterwards unless the limit cut it short.
   */
  async drain(maxExecutions: number): Promise<number> {
    const handler = this.handler;
    if (handler === undefined) throw new Error('process() was not called');
    let ran = 0;
    while (this.waiting.length > 0 && ran < maxExecutions) {
      this.waiting.sort((a, b) => a.dueMs - b.dueMs);
      const next = this.waiting.shift()!;
      if (next.dueMs > this.clock.now()) this.clock.advance(next.dueMs - this.clock.now());
      ran += 1;
      this.executions += 1;
      try {
        await handler(next.job);
      } catch (error) {
        const { job } = next;
        if (error instanceof DelayJobError) this.push(job, error.delayMs);
        else if (error instanceof UnrecoverableJobError || job.attempt >= job.maxAttempts)
          this.bury(job, error);
        else this.push({ ...job, attempt: job.attempt + 1 }, this.backoffMs * 2 ** (job.attempt - 1));
      }
    }
    return ran;
  }

  counts(): Promise<QueueCounts> {
    return Promise.resolve({
      waiting: this.waiting.length,
      delayed: 0,
      active: 0,
      deadLettered: this.dead.length,
    });
  }

  deadLetters(): Promise<DeadLetter[]> {
    return Promise.resolve([...this.dead]);
  }

  close(): Promise<boolean> {
    this.waiting.length = 0;
    return Promise.resolve(true);
  }

  private push(job: QueueJob, delayMs: number): void {
    this.waiting.push({ job, dueMs: this.clock.now() + delayMs });
  }

  private bury(job: QueueJob, error: unknown): void {
    const code: ErrorCode = error instanceof SyncWellError ? error.code : 'SW_INTERNAL';
    this.dead.push({ job, code, reason: String(error), failedAt: this.clock.date() });
  }
}

/** An account connected through the simulator's consent page (PKCE where the provider wants it). */
export async function connectAccount(
  bed: Pick<TestBed, 'store' | 'vault'>,
  userId: string,
  provider: ProviderId,
  bundle: ProviderBundle,
  account: string,
): Promise<ConnectionRow> {
  const verifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:9/callback';
  const state = randomBytes(16).toString('base64url');
  const consent = await approveConsent(bundle.oauth.authorizeUrl({ state, redirectUri, codeChallenge }), {
    athleteId: account,
  });
  if (consent.code === undefined) throw new Error(`${provider} consent failed: ${consent.location}`);
  const grant = await bundle.oauth.exchangeCode({ code: consent.code, redirectUri, codeVerifier: verifier });
  await bundle.oauth.afterConnect?.(grant);
  const { connection } = await bed.store.upsertConnection({
    userId,
    provider,
    externalUserId: grant.externalUserId,
    sealTokens: (id) => sealTokenSet(bed.vault, id, grant.tokens),
    tokenExpiresAt: grant.tokens.expiresAt,
    scopes: grant.tokens.scopes,
  });
  return connection;
}

export interface SteppingWorkerOptions {
  readonly bed: Pick<TestBed, 'store' | 'vault'>;
  readonly clock: TestClock;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  readonly attempts: number;
  readonly maxStalledExecutions: number;
}

/**
 * The worker of `syncwell start` (sync-run and chunk handlers behind the backfill router, shared
 * budgets, the inbox notifier) on a SteppingQueue and in-process coordination, both on `clock`.
 * A second call is a restarted process: new queue, locks, budgets and token single-flight.
 */
export function steppingWorker(options: SteppingWorkerOptions): SteppingQueue {
  const { bed, clock } = options;
  const queue = new SteppingQueue(clock, options.attempts);
  const coordination = new MemoryCoordination(clock.now);
  const deps = {
    store: bed.store,
    vault: bed.vault,
    coordination,
    providers: options.providers,
    ledgerHash: createLedgerHash(Buffer.alloc(32, 7)),
    refreshes: new RefreshRegistry(),
    logger: pino({ level: 'silent' }),
    rateLimiter: coordination.rateLimiter,
    notifier: createInboxNotifier(bed.store),
    tokenRefreshMarginMs: 1_000,
    // Token expiry is decided on the test's clock too, not the machine's (the simulators run on it).
    now: clock.now,
  };
  queue.process(
    routeBackfillJobs(
      createSyncRunHandler(deps),
      createBackfillChunkHandler({ ...deps, queue, maxStalledExecutions: options.maxStalledExecutions }),
    ),
  );
  return queue;
}
