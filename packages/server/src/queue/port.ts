import type { ErrorCode } from '@syncwell/core';
import type { JobPayload } from './job-payload.js';

export { jobPayloadSchema, type JobPayload } from './job-payload.js';
export { DelayJobError, InvalidJobError, QueueClosedError, UnrecoverableJobError } from './job-errors.js';

/** Highest first: a manual sync jumps ahead of webhook, scheduled and backfill work. */
export const JOB_PRIORITIES = ['manual', 'webhook', 'scheduled', 'backfill'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

export interface EnqueueJob {
  readonly name: string;
  readonly payload: JobPayload;
  /** Default 'scheduled'. */
  readonly priority?: JobPriority;
  readonly delayMs?: number;
  /** Total tries including the first; default from the queue's retry policy. */
  readonly attempts?: number;
  /** While a job with this id is waiting or delayed, enqueueing it again is a no-op. */
  readonly jobId?: string;
}

export interface QueueJob {
  readonly id: string;
  readonly name: string;
  readonly payload: JobPayload;
  readonly priority: JobPriority;
  /** 1 on the first try. Delays (DelayJobError) do not count. */
  readonly attempt: number;
  readonly maxAttempts: number;
}

export type JobHandler = (job: QueueJob) => Promise<void>;

export interface DeadLetter {
  readonly job: QueueJob;
  /** The error's stable code when it had one, else SW_INTERNAL. */
  readonly code: ErrorCode;
  readonly reason: string;
  readonly failedAt: Date;
}

export interface QueueCounts {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly deadLettered: number;
}

export interface RetryPolicy {
  readonly attempts: number;
  /** Delay before the 2nd try; doubles each retry, with full jitter, up to capMs. */
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * A job queue: priorities, delays, retries with backoff and jitter, a dead-letter list.
 * Payloads are ids only and validated at enqueue. The store, not the queue, is the source of
 * truth for work (DESIGN §4): losing an in-memory queue on a crash loses nothing that matters.
 *
 * Deliberately absent: connection handles, job removal, progress and events. Anything the
 * worker must know about a run lives in the store.
 *
 * @example
 *   await queue.enqueue({ name: 'sync-run', payload: { runId, ruleId }, priority: 'manual', jobId: runId });
 *   queue.process(async (job) => { await runSync(job.payload); }, { concurrency: 8 });
 */
export interface JobQueue {
  /** Throws InvalidJobError for a payload that is not ids only. */
  enqueue(job: EnqueueJob): Promise<{ id: string; deduplicated: boolean }>;
  /** Starts taking jobs; call once. The handler throws to fail (see DelayJobError, UnrecoverableJobError). */
  process(handler: JobHandler, opts: { concurrency: number }): void;
  counts(): Promise<QueueCounts>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /**
   * Age in ms of the oldest job that is ready to run but not started (0 when none): how far the
   * workers are behind. Optional, so adapters that cannot tell cheaply may leave it out.
   */
  lag?(): Promise<number>;
  /** Stops taking jobs and waits for in-flight ones; false if the deadline passed first. */
  close(deadlineMs?: number): Promise<boolean>;
}
