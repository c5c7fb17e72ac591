import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { inParallel } from './in-parallel.js';

export interface BareBullmqOptions {
  readonly redisUrl: string;
  /** A key prefix of its own, beside the SyncWell queue's. */
  readonly prefix: string;
  readonly jobs: number;
  readonly concurrency: number;
  /** What a job does; default nothing (the no-op limit). */
  readonly work?: () => Promise<void>;
  readonly onProgress?: (completed: number) => void;
  /** Called every 100 ms while the worker runs (RSS and in-flight sampling). */
  readonly onSample?: (inFlight: number) => void;
}

export interface BareBullmqResult {
  /** Date.now() of each completion, for steadyRate(). */
  readonly completionTimesMs: number[];
  readonly peakInFlight: number;
}

/**
 * The bare BullMQ limit on this Redis: `jobs` jobs added first (so adding is not timed), then
 * one Worker at `concurrency` drains them. Same retention settings as SyncWell's adapter, so
 * the difference is SyncWell's work, not BullMQ bookkeeping.
 */
export async function bareBullmq(options: BareBullmqOptions): Promise<BareBullmqResult> {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection, prefix: options.prefix });
  try {
    const batches = Math.ceil(options.jobs / 1_000);
    await inParallel(batches, 4, (b) =>
      queue.addBulk(
        Array.from({ length: Math.min(1_000, options.jobs - b * 1_000) }, (_, i) => ({
          name: 'noop',
          data: { runId: `${b}-${i}` },
          opts: { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 10_000 } },
        })),
      ),
    );
    const completionTimesMs: number[] = [];
    let inFlight = 0;
    let peakInFlight = 0;
    const work = options.work ?? (() => Promise.resolve());
    const done = new Promise<void>((resolve) => {
      const worker = new Worker(
        'bare',
        async () => {
          inFlight++;
          peakInFlight = Math.max(peakInFlight, inFlight);
          try {
            await work();
          } finally {
            inFlight--;
          }
        },
        { connection, prefix: options.prefix, concurrency: options.concurrency },
      );
      worker.on('completed', () => {
        completionTimesMs.push(Date.now());
        options.onProgress?.(completionTimesMs.length);
        if (completionTimesMs.length === options.jobs) {
          clearInterval(sampler);
          void worker.close().then(resolve);
        }
      });
      const sampler = setInterval(() => options.onSample?.(inFlight), 100);
    });
    await done;
    return { completionTimesMs, peakInFlight };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}
