import { epochMs, systemClock } from '@syncwell/core';
import { randomUUID } from 'node:crypto';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { SyncWellError } from '@syncwell/core';
import type {
  DeadLetter,
  EnqueueJob,
  JobHandler,
  JobQueue,
  QueueCounts,
  QueueJob,
  RetryPolicy,
} from '../port.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../backoff.js';
import { validateEnqueue } from '../enqueue-validation.js';
import { DelayJobError, QueueClosedError, UnrecoverableJobError } from '../job-errors.js';
import {
  BULLMQ_PRIORITY,
  encodeFailure,
  toDeadLetter,
  toQueueJob,
  type StoredJobData,
} from './bullmq-job-codec.js';
import { oldestReadyAgeMs } from './bullmq-lag.js';

export interface BullmqQueueOptions {
  /**
   * One shared ioredis connection (the Queue and the Worker's plain commands use it; BullMQ
   * duplicates it for the Worker's blocking reads). It must have `maxRetriesPerRequest: null`,
   * so commands wait through a reconnect instead of failing a job's bookkeeping. A URL makes the
   * adapter open and own such a connection.
   */
  readonly connection: Redis | string;
  /** Every key starts with it: tests pass a unique one, deployments their namespace. */
  readonly prefix: string;
  readonly queueName?: string;
  /** The producer side stamps `attempts` on each job; the worker side uses the backoff curve. */
  readonly retry?: Partial<RetryPolicy>;
  /** How often a worker looks for jobs whose worker died (lock expired). Default 30 s. */
  readonly stalledIntervalMs?: number;
  /** A job's lock lives this long unless renewed (every half of it) by a live worker. Default 30 s. */
  readonly lockDurationMs?: number;
  /** Completed jobs kept for inspection; older ones are removed so Redis does not grow. Default 1,000. */
  readonly keepCompleted?: number;
  /** Dead letters kept (BullMQ's failed set); oldest removed past this. Default 10,000. */
  readonly deadLetterLimit?: number;
  readonly random?: () => number;
  /** Connection and worker errors (BullMQ retries on its own); default: ignored. Log them here. */
  readonly onError?: (error: Error) => void;
}

const BACKOFF_TYPE = 'syncwell';

/**
 * The production job queue on BullMQ. Priorities map to BullMQ's numbers (manual 1 … backfill 4);
 * retries use our backoff curve as a custom strategy; DelayJobError moves the job back to delayed
 * without spending an attempt; dead letters are BullMQ's failed set with `[SW_CODE] reason`;
 * stalled jobs (worker died, lock expired) go back to waiting through BullMQ's stalled checker.
 *
 * Dedup: a caller's `jobId` becomes BullMQ's deduplication id with `keepLastIfActive`, while the
 * BullMQ job id is a fresh UUID. So the id is taken while the job waits, is delayed or retries,
 * and once it runs a new enqueue is kept aside and queued when the running one finishes: never
 * two runs of one id at once, and a trigger during a run is not lost.
 *
 * @example
 *   const queue = createBullmqQueue({ connection: 'redis://127.0.0.1:6379', prefix: 'syncwell' });
 *   await queue.enqueue({ name: 'sync-run', payload: { runId }, priority: 'manual', jobId: runId });
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const random = options.random ?? Math.random;
  const prefix = options.prefix.replace(/:+$/, '');
  const queueName = options.queueName ?? 'sync-jobs';
  const jobPrefix = `${prefix}:${queueName}:`;
  const ownsConnection = typeof options.connection === 'string';
  const redis = sharedConnection(options.connection);

  const queue = new Queue<StoredJobData>(queueName, { connection: redis, prefix });
  const onError = options.onError ?? (() => undefined);
  // The Queue re-emits connection errors; without a listener Node would crash on them.
  queue.on('error', onError);
  let worker: Worker<StoredJobData> | undefined;
  let closed = false;
  let shutdown: Promise<void> | undefined;

  const jobOptions = (priority: number, delayMs: number, attempts: number, key: string | undefined) =>
    ({
      jobId: randomUUID(),
      priority,
      delay: delayMs,
      attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { count: options.keepCompleted ?? 1_000 },
      removeOnFail: { count: options.deadLetterLimit ?? 10_000 },
      // Reasons carry our code; stack traces would only grow every failed job hash.
      stackTraceLimit: 0,
      ...(key === undefined ? {} : { deduplication: { id: key, keepLastIfActive: true } }),
    }) satisfies JobsOptions;

  async function runJob(handler: JobHandler, job: Job<StoredJobData>, token: string | undefined) {
    let queueJob: QueueJob;
    try {
      queueJob = toQueueJob(job);
    } catch {
      // Written by some other producer: retrying cannot make it ids-only.
      throw new UnrecoverableError('[SW_VALIDATION_FAILED] The stored job payload is not ids only');
    }
    try {
      await handler(queueJob);
    } catch (error) {
      if (error instanceof DelayJobError && token !== undefined) {
        // BullMQ's own "wait and retry": moveToDelayed skips the attempt counter, and
        // DelayedError tells the worker the job has already been moved.
        await job.moveToDelayed(epochMs(systemClock) + error.delayMs, token);
        throw new DelayedError();
      }
      if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(encodeFailure(error));
      throw new Error(encodeFailure(error), { cause: error });
    }
  }

  return {
    async enqueue(input: EnqueueJob) {
      if (closed) throw new QueueClosedError();
      const valid = validateEnqueue(input);
      const opts = jobOptions(
        BULLMQ_PRIORITY[valid.priority],
        valid.delayMs,
        valid.attempts ?? policy.attempts,
        valid.jobId,
      );
      const id = valid.jobId ?? opts.jobId;
      const data: StoredJobData = { id, payload: valid.payload };
      const added = await queue.add(valid.name, data, opts);
      if (added.id === opts.jobId || valid.jobId === undefined) return { id, deduplicated: false };
      // Another job holds the id. If it is running, BullMQ kept ours aside to run next: not a no-op.
      // Read both places in one MULTI: the running job may finish and queue ours in between.
      const result = await redis
        .multi()
        .hget(`${jobPrefix}dn:${valid.jobId}`, 'jid')
        .exists(`${jobPrefix}${opts.jobId}`)
        .exec();
      const keptAside = result?.[0]?.[1] === opts.jobId || result?.[1]?.[1] === 1;
      return { id, deduplicated: !keptAside };
    },

    process(handler, opts) {
      if (worker !== undefined) throw new Error('process() was already called on this queue');
      if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1)
        throw new RangeError('concurrency must be ≥ 1');
      if (closed) return;
      worker = new Worker<StoredJobData>(queueName, (job, token) => runJob(handler, job, token), {
        connection: redis,
        prefix,
        concurrency: opts.concurrency,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        lockDuration: options.lockDurationMs ?? 30_000,
        settings: {
          backoffStrategy: (attemptsMade) => Math.max(1, backoffDelay(policy, attemptsMade, random)),
        },
      });
      // Connection loss surfaces here; BullMQ reconnects and resumes fetching by itself.
      worker.on('error', onError);
    },

    async counts(): Promise<QueueCounts> {
      // BullMQ 6 pauses with a flag, not a list: waiting jobs stay in wait/prioritized.
      const c = await queue.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed');
      return {
        waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
        delayed: c.delayed ?? 0,
        active: c.active ?? 0,
        deadLettered: c.failed ?? 0,
      };
    },

    async deadLetters(limit = 100): Promise<DeadLetter[]> {
      const failed = await queue.getFailed(0, limit - 1);
      return failed.map((job) => toDeadLetter(job));
    },

    lag() {
      return oldestReadyAgeMs(redis, {
        wait: queue.keys.wait ?? `${jobPrefix}wait`,
        prioritized: queue.keys.prioritized ?? `${jobPrefix}prioritized`,
        jobPrefix,
      });
    },

    async close(deadlineMs = 30_000) {
      closed = true;
      // One shutdown, however many callers: a second close() with a longer deadline waits on it.
      shutdown ??= (async () => {
        await worker?.close();
        await queue.close();
        if (ownsConnection) await redis.quit().catch(() => undefined);
      })();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)),
      );
      try {
        return await Promise.race([shutdown.then(() => true), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function sharedConnection(connection: Redis | string): Redis {
  if (typeof connection === 'string') return new Redis(connection, { maxRetriesPerRequest: null });
  if (connection.options.maxRetriesPerRequest !== null) {
    throw new SyncWellError(
      'SW_CONFIG_INVALID',
      'The BullMQ connection needs maxRetriesPerRequest: null (a worker must wait out a reconnect)',
    );
  }
  return connection;
}
