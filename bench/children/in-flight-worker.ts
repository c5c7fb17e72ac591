import { Redis } from 'ioredis';
import { BenchProbeCounter, benchDestinationModule, benchSourceModule } from '@syncwell/testbed';
import { startSyncWell } from '../../packages/server/src/runtime/syncwell-runtime.js';
import { bareBullmq } from '../support/bare-bullmq.js';
import { announce, childArgs } from '../support/child-process.js';
import { percentile } from '../support/percentiles.js';

/** What the parent asks for; `syncwell` drains jobs the parent enqueued, `bare` adds its own. */
export interface InFlightArgs {
  readonly mode: 'syncwell' | 'bare';
  readonly jobs: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly redisUrl: string;
  readonly prefix: string;
  /** Give up after this long and report what was reached. */
  readonly deadlineMs: number;
}

export interface InFlightResult {
  /** Median and peak of jobs in flight, sampled every 100 ms while jobs were still waiting. */
  readonly medianInFlight: number;
  readonly peakInFlight: number;
  /** SyncWell only: median of provider calls pending (jobs waiting on the simulated network). */
  readonly medianProviderPending: number;
  readonly peakRssMb: number;
  readonly completed: number;
  readonly seconds: number;
}

/**
 * P3 in a fresh process, so its peak RSS is the worker's own. "In flight" for SyncWell is the
 * length of BullMQ's active list (jobs this worker has taken and not finished); for bare
 * BullMQ, jobs inside the processor.
 */
const args = childArgs() as InFlightArgs;
const samples: number[] = [];
const pending: number[] = [];
// Every sample, for runs too short to have a steady part (quick smoke runs on a busy box).
const allSamples: number[] = [];
const allPending: number[] = [];
let peakRss = process.memoryUsage().rss;
const started = Date.now();
// Steady part only: after the ramp-up, while jobs still wait (later the worker simply runs dry).
const steadyUntil = Math.max(args.jobs * 0.2, args.jobs - args.concurrency);
const sample = (inFlight: number, completed: number, providerPending = 0) => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  allSamples.push(inFlight);
  allPending.push(providerPending);
  if (completed > args.jobs * 0.1 && completed < steadyUntil) {
    samples.push(inFlight);
    pending.push(providerPending);
  }
};
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const report = (completed: number) => {
  const result: InFlightResult = {
    medianInFlight: median(samples.length > 0 ? samples : allSamples),
    peakInFlight: Math.max(0, ...allSamples),
    medianProviderPending: median(pending.length > 0 ? pending : allPending),
    peakRssMb: peakRss / 2 ** 20,
    completed,
    seconds: (Date.now() - started) / 1_000,
  };
  announce('BENCH_RESULT', result);
};

announce('BENCH_READY', {});
if (args.mode === 'bare') {
  let completed = 0;
  const delay = () => new Promise<void>((resolve) => setTimeout(resolve, args.latencyMs));
  await bareBullmq({
    redisUrl: args.redisUrl,
    prefix: args.prefix,
    jobs: args.jobs,
    concurrency: args.concurrency,
    // The same provider wait as a SyncWell job: one read and one write round trip.
    work: async () => {
      await delay();
      await delay();
    },
    onProgress: (n) => (completed = n),
    onSample: (inFlight) => sample(inFlight, completed),
  });
  report(completed);
} else {
  const probe = new BenchProbeCounter();
  const runtime = await startSyncWell({
    env: process.env,
    roles: { api: false, worker: true, scheduler: false },
    modules: [
      benchSourceModule({ probe, latencyMs: args.latencyMs }),
      benchDestinationModule({ probe, latencyMs: args.latencyMs }),
    ],
  });
  const redis = new Redis(args.redisUrl);
  const activeKey = `${args.prefix}:q:sync-jobs:active`;
  while (probe.writes < args.jobs && Date.now() - started < args.deadlineMs) {
    sample(await redis.llen(activeKey), probe.writes, probe.inFlight);

    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  report(probe.writes);
  redis.disconnect();
  await runtime.close(10_000);
}
process.exit(0);
