import { systemClock } from '@syncwell/core';
import type { Clock } from '@syncwell/core';
import { randomUUID } from 'node:crypto';
import { SyncWellError, type ErrorCode } from '@syncwell/core';
import {
  JOB_PRIORITIES,
  type DeadLetter,
  type EnqueueJob,
  type JobHandler,
  type JobPriority,
  type JobQueue,
  type QueueCounts,
  type QueueJob,
  type RetryPolicy,
} from '../port.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../backoff.js';
import { validateEnqueue, type ValidJob } from '../enqueue-validation.js';
import { DelayJobError, QueueClosedError, UnrecoverableJobError } from '../job-errors.js';

export interface MemoryQueueOptions {
  readonly retry?: Partial<RetryPolicy>;
  /** Oldest dead letters are dropped past this many. */
  readonly deadLetterLimit?: number;
  readonly random?: () => number;
  /** Stamps dead letters; delays themselves wait on timers. */
  readonly clock?: Clock;
}

const REASON_MAX = 500;

/**
 * The embedded default: a process-local queue. Delayed jobs wait on timers (no polling). What it
 * holds is lost when the process dies; the start-up sweep re-enqueues unfinished runs from the store.
 */
export function createMemoryQueue(options: MemoryQueueOptions = {}): JobQueue {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const random = options.random ?? Math.random;
  const clock = options.clock ?? systemClock;
  const deadLetterLimit = options.deadLetterLimit ?? 1000;

  // One FIFO per priority; arrays are fine at embedded scale.
  const waiting = new Map<JobPriority, QueueJob[]>(JOB_PRIORITIES.map((p) => [p, []]));
  const delayed = new Map<QueueJob, NodeJS.Timeout>();
  const queuedIds = new Set<string>();
  const deadLetters: DeadLetter[] = [];
  const idleWaiters = new Set<() => void>();
  let handler: JobHandler | undefined;
  let concurrency = 1;
  let active = 0;
  let closed = false;

  function push(job: QueueJob, delayMs: number): void {
    if (delayMs <= 0) {
      waiting.get(job.priority)?.push(job);
      setImmediate(pump);
      return;
    }
    const timer = setTimeout(() => {
      delayed.delete(job);
      waiting.get(job.priority)?.push(job);
      pump();
    }, delayMs);
    timer.unref();
    delayed.set(job, timer);
  }

  function takeNext(): QueueJob | undefined {
    for (const priority of JOB_PRIORITIES) {
      const job = waiting.get(priority)?.shift();
      if (job !== undefined) return job;
    }
    return undefined;
  }

  function pump(): void {
    while (handler !== undefined && !closed && active < concurrency) {
      const job = takeNext();
      if (job === undefined) return;
      queuedIds.delete(job.id);
      active += 1;
      void run(handler, job);
    }
  }

  function deadLetter(job: QueueJob, error: unknown): void {
    const code: ErrorCode = error instanceof SyncWellError ? error.code : 'SW_INTERNAL';
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, REASON_MAX);
    deadLetters.push({ job, code, reason, failedAt: clock.now() });
    if (deadLetters.length > deadLetterLimit) deadLetters.shift();
  }

  function requeue(job: QueueJob, delayMs: number): void {
    if (closed) return; // shutting down: the store still says the run is unfinished
    queuedIds.add(job.id);
    push(job, delayMs);
  }

  async function run(handle: JobHandler, job: QueueJob): Promise<void> {
    try {
      await handle(job);
    } catch (error) {
      if (error instanceof DelayJobError) requeue(job, error.delayMs);
      else if (error instanceof UnrecoverableJobError || job.attempt >= job.maxAttempts)
        deadLetter(job, error);
      else requeue({ ...job, attempt: job.attempt + 1 }, backoffDelay(policy, job.attempt, random));
    } finally {
      active -= 1;
      if (active === 0) for (const wake of idleWaiters) wake();
      pump();
    }
  }

  return {
    enqueue(input: EnqueueJob) {
      if (closed) return Promise.reject(new QueueClosedError());
      let valid: ValidJob;
      try {
        valid = validateEnqueue(input);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const id = valid.jobId ?? randomUUID();
      if (queuedIds.has(id)) return Promise.resolve({ id, deduplicated: true });
      queuedIds.add(id);
      const job: QueueJob = {
        id,
        name: valid.name,
        payload: valid.payload,
        priority: valid.priority,
        attempt: 1,
        maxAttempts: valid.attempts ?? policy.attempts,
      };
      push(job, valid.delayMs);
      return Promise.resolve({ id, deduplicated: false });
    },

    process(handle, opts) {
      if (handler !== undefined) throw new Error('process() was already called on this queue');
      if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1)
        throw new RangeError('concurrency must be ≥ 1');
      handler = handle;
      concurrency = opts.concurrency;
      pump();
    },

    counts(): Promise<QueueCounts> {
      let waitingCount = 0;
      for (const list of waiting.values()) waitingCount += list.length;
      return Promise.resolve({
        waiting: waitingCount,
        delayed: delayed.size,
        active,
        deadLettered: deadLetters.length,
      });
    },

    deadLetters(limit = 100) {
      return Promise.resolve(deadLetters.slice(-limit).reverse());
    },

    async close(deadlineMs = 30_000) {
      closed = true;
      for (const timer of delayed.values()) clearTimeout(timer);
      if (active === 0) return true;
      return new Promise<boolean>((resolve) => {
        const finish = (drained: boolean) => {
          clearTimeout(timer);
          idleWaiters.delete(wake);
          resolve(drained);
        };
        const wake = () => finish(true);
        const timer = setTimeout(() => finish(false), deadlineMs);
        idleWaiters.add(wake);
      });
    },
  };
}
