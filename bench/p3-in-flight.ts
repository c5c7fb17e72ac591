import { createBullmqQueue } from '../packages/server/src/queue/bullmq/bullmq-queue.js';
import { createPostgresStore } from '../packages/server/src/store/postgres/postgres-store.js';
import { createEnvelopeVault } from '../packages/server/src/vault/envelope-vault.js';
import type { InFlightArgs, InFlightResult } from './children/in-flight-worker.js';
import { fmt, goal, type BenchResult } from './support/bench-result.js';
import { openBenchInfra, type BenchInfra } from './support/bench-infra.js';
import { startChild } from './support/child-process.js';
import { progress, type Progress } from './support/progress.js';
import { enqueueRuns, seedRules } from './support/seed.js';

export interface InFlightOptions {
  readonly quick?: boolean;
  /** Default 2,000 (quick: 300). */
  readonly concurrency?: number;
  /** Per provider call; default 250 ms. */
  readonly latencyMs?: number;
  /** Jobs (one rule each); default 2 × concurrency (bare BullMQ gets 5 ×: its jobs cost nothing to seed). */
  readonly jobs?: number;
}

const CHILD = new URL('./children/in-flight-worker.ts', import.meta.url);

/**
 * P3: how many jobs one worker process keeps in flight when each provider call takes 250 ms,
 * and its peak RSS, at concurrency 2,000; against bare BullMQ jobs that wait the same 2 × 250 ms.
 * Both run in a fresh child process so RSS is the worker's own.
 */
export async function benchInFlight(options: InFlightOptions = {}): Promise<BenchResult> {
  const quick = options.quick ?? false;
  const concurrency = options.concurrency ?? (quick ? 300 : 2_000);
  const latencyMs = options.latencyMs ?? 250;
  const jobs = options.jobs ?? concurrency * 2;
  const line = progress('P3');
  const infra = await openBenchInfra();
  try {
    await seed(infra, jobs, line);
    const common = {
      jobs,
      concurrency,
      latencyMs,
      redisUrl: infra.redisUrl,
      deadlineMs: quick ? 30_000 : 120_000,
    };
    line.update(
      `bare BullMQ: ${concurrency * 5} jobs waiting 2 × ${latencyMs} ms at concurrency ${concurrency}`,
    );
    const bare = await runChild(infra, {
      ...common,
      jobs: concurrency * 5,
      mode: 'bare',
      prefix: `${infra.prefix}:bare`,
    });
    line.update(
      `SyncWell worker: ${jobs} jobs at concurrency ${concurrency}, ${latencyMs} ms per provider call`,
    );
    const ours = await runChild(infra, { ...common, mode: 'syncwell', prefix: infra.prefix });
    line.done(
      `done: ${fmt(ours.medianInFlight)} in flight (peak ${ours.peakInFlight}), ${fmt(ours.peakRssMb)} MB`,
    );
    const ratio = ours.medianInFlight / bare.medianInFlight;
    return {
      id: 'P3',
      title: `jobs in flight at ${latencyMs} ms provider latency (concurrency ${concurrency})`,
      figure: { value: ours.medianInFlight, unit: 'jobs' },
      bare: { value: bare.medianInFlight, unit: 'jobs', what: 'BullMQ jobs sleeping 2 × latency' },
      ratio,
      goals: [
        goal(
          `≥ ${fmt(Math.min(2_000, concurrency))} in flight`,
          ours.medianInFlight >= Math.min(2_000, concurrency),
        ),
        goal('RSS ≤ 300 MB', ours.peakRssMb <= 300),
      ],
      details: [
        `SyncWell: median ${fmt(ours.medianInFlight)}, peak ${ours.peakInFlight} jobs active (BullMQ active list); median ${fmt(ours.medianProviderPending)} provider calls pending; peak RSS ${fmt(ours.peakRssMb)} MB; ${ours.completed} jobs in ${ours.seconds.toFixed(1)} s (${fmt(ours.completed / ours.seconds)} jobs/s)`,
        `bare: median ${fmt(bare.medianInFlight)}, peak ${bare.peakInFlight} in flight; peak RSS ${fmt(bare.peakRssMb)} MB; ${bare.completed} jobs in ${bare.seconds.toFixed(1)} s`,
      ],
    };
  } finally {
    await infra.close();
  }
}

async function seed(infra: BenchInfra, jobs: number, line: Progress): Promise<void> {
  const store = await createPostgresStore({ connectionString: infra.databaseUrl, poolSize: 16 });
  const queue = createBullmqQueue({ connection: infra.redisUrl, prefix: `${infra.prefix}:q` });
  try {
    const rules = await seedRules(store, createEnvelopeVault(infra.masterKey), jobs, {
      onProgress: (n) => line.update(`seeding rules ${n}/${jobs}`),
    });
    await enqueueRuns(store, queue, rules, 'scheduled', (n) => line.update(`enqueueing runs ${n}/${jobs}`));
  } finally {
    await queue.close();
    await store.close();
  }
}

async function runChild(infra: BenchInfra, args: InFlightArgs): Promise<InFlightResult> {
  const child = await startChild(CHILD, {
    env: infra.env({ SYNCWELL_WORKER_CONCURRENCY: String(args.concurrency) }),
    args,
  });
  try {
    return await child.result<InFlightResult>();
  } finally {
    await child.stop();
  }
}
