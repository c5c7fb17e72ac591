import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnqueueJob, JobQueue, QueueJob, RetryPolicy } from './port.js';
import { DelayJobError, UnrecoverableJobError } from './job-errors.js';

export type QueueFactory = (retry: RetryPolicy) => Promise<{ queue: JobQueue; cleanup: () => Promise<void> }>;

const FAST_RETRY: RetryPolicy = { attempts: 3, baseMs: 10, capMs: 40 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(5);
  }
}

const job = (extra: Partial<EnqueueJob> = {}): EnqueueJob => ({
  name: 'sync-run',
  payload: { runId: randomUUID(), ruleId: randomUUID() },
  ...extra,
});

/**
 * Every JobQueue adapter runs this with real timers (BullMQ cannot use fake ones).
 * @example describeQueueContract('memory', async (retry) => ({ queue: createMemoryQueue({ retry }), cleanup }));
 */
export function describeQueueContract(name: string, makeQueue: QueueFactory): void {
  describe(`JobQueue contract: ${name}`, () => {
    let cleanups: (() => Promise<void>)[] = [];
    const open = async (retry = FAST_RETRY) => {
      const made = await makeQueue(retry);
      cleanups.push(made.cleanup);
      return made.queue;
    };
    afterEach(async () => {
      for (const cleanup of cleanups) await cleanup();
      cleanups = [];
    });

    it('accepts ids only in payloads, and enqueues nothing it refuses', async () => {
      const queue = await open();
      const bad: unknown[] = [
        { runId: randomUUID(), steps: 10432 },
        { runId: 'not-a-uuid' },
        { userId: randomUUID(), weightKg: 81.2 },
        {},
        { runId: { nested: randomUUID() } },
      ];
      for (const payload of bad) {
        await expect(queue.enqueue(job({ payload: payload as EnqueueJob['payload'] }))).rejects.toMatchObject(
          {
            code: 'SW_VALIDATION_FAILED',
          },
        );
      }
      await expect(queue.enqueue(job({ delayMs: -1 }))).rejects.toMatchObject({
        code: 'SW_VALIDATION_FAILED',
      });
      await expect(queue.enqueue(job({ name: '' }))).rejects.toMatchObject({ code: 'SW_VALIDATION_FAILED' });
      expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, deadLettered: 0 });
      const ok = await queue.enqueue(job({ payload: { connectionId: randomUUID(), userId: randomUUID() } }));
      expect(ok.deduplicated).toBe(false);
      await until(async () => (await queue.counts()).waiting === 1);
    });

    it('runs manual before webhook before scheduled before backfill, FIFO within a priority', async () => {
      const queue = await open();
      const order: string[] = [];
      for (const [id, priority] of [
        ['b1', 'backfill'],
        ['s1', 'scheduled'],
        ['w1', 'webhook'],
        ['m1', 'manual'],
        ['s2', 'scheduled'],
        ['m2', 'manual'],
        ['d1', undefined],
      ] as const) {
        await queue.enqueue(job({ jobId: id, ...(priority === undefined ? {} : { priority }) }));
      }
      await until(async () => (await queue.counts()).waiting === 7);
      queue.process(
        async (j) => {
          order.push(j.id);
          await Promise.resolve();
        },
        { concurrency: 1 },
      );
      await until(() => order.length === 7);
      expect(order).toEqual(['m1', 'm2', 'w1', 's1', 's2', 'd1', 'b1']);
    });

    it('holds a delayed job until its time', async () => {
      const queue = await open();
      const ran: number[] = [];
      queue.process(
        () => {
          ran.push(Date.now());
          return Promise.resolve();
        },
        { concurrency: 2 },
      );
      const start = Date.now();
      await queue.enqueue(job({ delayMs: 150 }));
      await sleep(20);
      expect(await queue.counts()).toMatchObject({ delayed: 1, waiting: 0 });
      await until(() => ran.length === 1);
      expect(ran[0]! - start).toBeGreaterThanOrEqual(140);
    });

    it('deduplicates a jobId while it is queued, and accepts it again after it ran', async () => {
      const queue = await open();
      const first = await queue.enqueue(job({ jobId: 'run-1' }));
      const again = await queue.enqueue(job({ jobId: 'run-1' }));
      expect(first).toEqual({ id: 'run-1', deduplicated: false });
      expect(again).toEqual({ id: 'run-1', deduplicated: true });
      const seen: string[] = [];
      queue.process(
        (j) => {
          seen.push(j.id);
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      await until(() => seen.length === 1);
      expect((await queue.enqueue(job({ jobId: 'run-1' }))).deduplicated).toBe(false);
      await until(() => seen.length === 2);
    });

    it('retries with backoff and succeeds; attempt numbers count up', async () => {
      const queue = await open();
      const attempts: number[] = [];
      const times: number[] = [];
      queue.process(
        async (j) => {
          attempts.push(j.attempt);
          times.push(Date.now());
          if (j.attempt < 3) throw new Error('provider 503');
          await Promise.resolve();
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job());
      await until(() => attempts.length === 3);
      expect(attempts).toEqual([1, 2, 3]);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(4); // ≥ base/2 with equal jitter
      await sleep(30);
      expect((await queue.counts()).deadLettered).toBe(0);
    });

    it('dead-letters after the last attempt, with the code and reason', async () => {
      const queue = await open();
      const seen: QueueJob[] = [];
      queue.process(
        async (j) => {
          seen.push(j);
          await Promise.resolve();
          throw new UnrecoverableJobError('SW_PROVIDER_UNAVAILABLE', 'still down');
        },
        { concurrency: 1 },
      );
      // An unrecoverable error skips the remaining attempts...
      await queue.enqueue(job({ jobId: 'hopeless', attempts: 5 }));
      await until(async () => (await queue.counts()).deadLettered === 1);
      expect(seen.map((j) => j.attempt)).toEqual([1]);
      const [dead] = await queue.deadLetters();
      expect(dead).toMatchObject({
        code: 'SW_PROVIDER_UNAVAILABLE',
        reason: 'still down',
        job: { id: 'hopeless' },
      });
      expect(dead?.failedAt).toBeInstanceOf(Date);
    });

    it('dead-letters a plain error after its attempts are spent', async () => {
      const queue = await open();
      let calls = 0;
      queue.process(
        async () => {
          calls += 1;
          await Promise.resolve();
          throw new Error('boom');
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job({ jobId: 'flaky', attempts: 2 }));
      await until(async () => (await queue.counts()).deadLettered === 1);
      expect(calls).toBe(2);
      expect((await queue.deadLetters())[0]).toMatchObject({ code: 'SW_INTERNAL', reason: 'boom' });
      expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, deadLettered: 1 });
    });

    it('re-delays on DelayJobError without spending an attempt', async () => {
      const queue = await open();
      const seen: [number, number][] = [];
      queue.process(
        async (j) => {
          seen.push([j.attempt, Date.now()]);
          await Promise.resolve();
          if (seen.length < 3) throw new DelayJobError(60);
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job({ attempts: 1 }));
      await until(() => seen.length === 3);
      expect(seen.map(([attempt]) => attempt)).toEqual([1, 1, 1]);
      expect(seen[1]![1] - seen[0]![1]).toBeGreaterThanOrEqual(50);
      await sleep(20);
      expect((await queue.counts()).deadLettered).toBe(0);
    });

    it('never runs more than `concurrency` jobs at once', async () => {
      const queue = await open();
      let running = 0;
      let peak = 0;
      let finished = 0;
      queue.process(
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(30);
          running -= 1;
          finished += 1;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 7; i += 1) await queue.enqueue(job());
      await until(async () => (await queue.counts()).active === 3);
      await until(() => finished === 7);
      expect(peak).toBe(3);
    });

    it('reports lag (when offered) as the age of the oldest ready job, ignoring delayed ones', async () => {
      const queue = await open();
      if (queue.lag === undefined) return;
      expect(await queue.lag()).toBe(0);
      await queue.enqueue(job({ delayMs: 60_000 }));
      expect(await queue.lag()).toBe(0);
      await queue.enqueue(job({ priority: 'backfill' }));
      await sleep(40);
      expect(await queue.lag()).toBeGreaterThanOrEqual(30);
    });

    it('close() stops taking jobs and waits for in-flight ones, up to a deadline', async () => {
      const queue = await open();
      let release: () => void = () => undefined;
      const started: string[] = [];
      let finished = 0;
      queue.process(
        async (j) => {
          started.push(j.id);
          await new Promise<void>((resolve) => (release = resolve));
          finished += 1;
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job({ jobId: 'first' }));
      await queue.enqueue(job({ jobId: 'second' }));
      await until(() => started.length === 1);
      expect(await queue.close(30)).toBe(false);
      const closing = queue.close(2_000);
      release();
      expect(await closing).toBe(true);
      expect(finished).toBe(1);
      await sleep(30);
      expect(started).toEqual(['first']);
      await expect(queue.enqueue(job())).rejects.toMatchObject({ code: 'SW_NOT_READY' });
    });
  });
}
