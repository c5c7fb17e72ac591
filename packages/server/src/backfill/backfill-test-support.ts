import { SyncWellError, type ErrorCode } from '@syncwell/core';
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
