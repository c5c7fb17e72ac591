import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectTestRedis, type TestRedis } from '../../testing/redis-test-support.js';
import { jobPayloadSchema } from '../job-payload.js';
import type { JobQueue, QueueJob } from '../port.js';
import { describeQueueContract } from '../queue.contract.js';
import { createBullmqQueue, type BullmqQueueOptions } from './bullmq-queue.js';

describeQueueContract('bullmq', async (retry) => {
  const test = await connectTestRedis();
  const queue = createBullmqQueue({ connection: test.url, prefix: test.prefix, retry });
  return {
    queue,
    cleanup: async () => {
      await queue.close(2_000);
      await test.cleanup();
    },
  };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('bullmq queue on a real Redis', () => {
  let test: TestRedis;
  const closers: (() => Promise<unknown>)[] = [];
  const open = (extra: Partial<BullmqQueueOptions> = {}): JobQueue => {
    const queue = createBullmqQueue({ connection: test.url, prefix: test.prefix, ...extra });
    closers.push(() => queue.close(2_000));
    return queue;
  };
  beforeEach(async () => {
    test = await connectTestRedis();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await test.cleanup();
  });

  it('stores ids only in Redis: the raw job hash holds the payload ids and nothing else', async () => {
    const queue = open();
    const payload = { runId: randomUUID(), ruleId: randomUUID() };
    await queue.enqueue({ name: 'sync-run', payload, jobId: payload.runId, priority: 'manual' });
    const keys = await test.redis.keys(`${test.prefix}*`);
    const jobKeys: string[] = [];
    for (const key of keys) if ((await test.redis.type(key)) === 'hash') jobKeys.push(key);
    const hashes = await Promise.all(jobKeys.map((key) => test.redis.hgetall(key)));
    const jobs = hashes.filter((hash) => hash.data !== undefined);
    expect(jobs).toHaveLength(1);
    const data = JSON.parse(jobs[0]!.data!) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['id', 'payload']);
    expect(data.id).toBe(payload.runId);
    expect(jobPayloadSchema.parse(data.payload)).toEqual(payload);
    expect(JSON.stringify(data.payload)).toBe(JSON.stringify(payload));
  });

  it('refuses a shared connection that would fail commands during a reconnect', () => {
    expect(() => createBullmqQueue({ connection: test.redis, prefix: test.prefix })).toThrow(
      expect.objectContaining({ code: 'SW_CONFIG_INVALID' }),
    );
  });

  it('dead-letters a job that another producer stored with values in it, without running it', async () => {
    const queue = open();
    const connection = new Redis(test.url, { maxRetriesPerRequest: null });
    const foreign = new Queue('sync-jobs', { connection, prefix: test.prefix.replace(/:$/, '') });
    await foreign.add(
      'sync-run',
      { id: 'x', payload: { runId: randomUUID(), steps: 10432 } },
      { attempts: 3 },
    );
    await foreign.close();
    connection.disconnect();
    let ran = 0;
    queue.process(
      () => {
        ran += 1;
        return Promise.resolve();
      },
      { concurrency: 1 },
    );
    await until(async () => (await queue.counts()).deadLettered === 1);
    expect(ran).toBe(0);
    expect((await queue.deadLetters())[0]).toMatchObject({ code: 'SW_VALIDATION_FAILED' });
  });

  it('hands the job of a worker that died mid-job to another worker', async () => {
    const survivor = open({ stalledIntervalMs: 100, lockDurationMs: 300 });
    const payload = { runId: randomUUID() };
    await survivor.enqueue({ name: 'sync-run', payload, jobId: 'orphan' });

    // A bare BullMQ worker plays the process that dies: it takes the job and never finishes.
    const connection = new Redis(test.url, { maxRetriesPerRequest: null });
    let taken = false;
    const doomed = new Worker(
      'sync-jobs',
      async () => {
        taken = true;
        await new Promise(() => undefined);
      },
      { connection, prefix: test.prefix.replace(/:$/, ''), lockDuration: 300, stalledInterval: 100 },
    );
    doomed.on('error', () => undefined);
    await until(() => taken);
    await doomed.close(true); // force: no waiting, no lock renewal, like a killed process
    connection.disconnect();

    const seen: QueueJob[] = [];
    survivor.process(
      (job) => {
        seen.push(job);
        return Promise.resolve();
      },
      { concurrency: 2 },
    );
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ id: 'orphan', payload, attempt: 1 });
    await until(async () => (await survivor.counts()).active === 0);
    expect(await survivor.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, deadLettered: 0 });
  });

  it('keeps a trigger that arrives during a run and runs it once afterwards', async () => {
    const queue = open();
    let release: () => void = () => undefined;
    const runs: string[] = [];
    queue.process(
      async (job) => {
        runs.push(job.id);
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      { concurrency: 4 },
    );
    await queue.enqueue({ name: 'sync-run', payload: { ruleId: randomUUID() }, jobId: 'rule-1' });
    await until(() => runs.length === 1);
    const during = await queue.enqueue({
      name: 'sync-run',
      payload: { ruleId: randomUUID() },
      jobId: 'rule-1',
    });
    expect(during).toEqual({ id: 'rule-1', deduplicated: false });
    await sleep(50);
    expect(runs).toHaveLength(1); // never two runs of one id at once
    release();
    await until(() => runs.length === 2);
    await sleep(50);
    expect(runs).toEqual(['rule-1', 'rule-1']);
  });

  it('reports lag as the age of the oldest ready job, and trims completed jobs', async () => {
    const queue = open({ keepCompleted: 2 });
    expect(await queue.lag?.()).toBe(0);
    await queue.enqueue({ name: 'n', payload: { runId: randomUUID() }, priority: 'backfill' });
    await sleep(60);
    await queue.enqueue({ name: 'n', payload: { runId: randomUUID() }, priority: 'manual' });
    await queue.enqueue({ name: 'n', payload: { runId: randomUUID() }, delayMs: 10_000 });
    const lag = (await queue.lag?.()) ?? -1;
    expect(lag).toBeGreaterThanOrEqual(55); // the backfill job, though it sorts last
    expect(lag).toBeLessThan(2_000);
    let done = 0;
    queue.process(
      () => {
        done += 1;
        return Promise.resolve();
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 5; i += 1) await queue.enqueue({ name: 'n', payload: { runId: randomUUID() } });
    await until(() => done === 7);
    await until(async () => (await test.redis.zcard(`${test.prefix}sync-jobs:completed`)) === 2);
    expect(await queue.lag?.()).toBe(0);
  });
});
