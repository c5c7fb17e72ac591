import { BenchProbeCounter, benchDestinationModule, benchSourceModule } from '@syncwell/testbed';
import { createBullmqQueue } from '../packages/server/src/queue/bullmq/bullmq-queue.js';
import { startSyncWell } from '../packages/server/src/runtime/syncwell-runtime.js';
import { createPostgresStore } from '../packages/server/src/store/postgres/postgres-store.js';
import { createEnvelopeVault } from '../packages/server/src/vault/envelope-vault.js';
import { bareBullmq } from './support/bare-bullmq.js';
import { fmt, goal, type BenchResult } from './support/bench-result.js';
import { openBenchInfra, type BenchInfra } from './support/bench-infra.js';
import { steadyRate } from './support/percentiles.js';
import { progress, type Progress } from './support/progress.js';
import { enqueueRuns, seedRules } from './support/seed.js';

export interface WorkerThroughputOptions {
  readonly quick?: boolean;
  /** Sync jobs (one rule each); default 4,000 (quick: 200). */
  readonly jobs?: number;
  /** Worker concurrency for SyncWell and for bare BullMQ; default 200 (the config default). */
  readonly concurrency?: number;
  readonly recordsPerJob?: number;
}

/**
 * P2: one worker process (this one: an in-process runtime with only the worker role) drains
 * pre-enqueued sync jobs: zero-latency providers, 24 records per job, real PostgreSQL store,
 * BullMQ queue, Redis locks. Against bare BullMQ no-op jobs at the same concurrency.
 * The figure is the steady rate (10th to 90th percentile of runs.finished_at).
 */
export async function benchWorkerThroughput(options: WorkerThroughputOptions = {}): Promise<BenchResult> {
  const quick = options.quick ?? false;
  const jobs = options.jobs ?? (quick ? 200 : 4_000);
  const concurrency = options.concurrency ?? 200;
  const recordsPerJob = options.recordsPerJob ?? 24;
  const line = progress('P2');
  const infra = await openBenchInfra();
  try {
    await seedJobs(infra, jobs, line);
    const bareJobs = quick ? 2_000 : 20_000;
    const bare = await bareBullmq({
      redisUrl: infra.redisUrl,
      prefix: `${infra.prefix}:bare`,
      jobs: bareJobs,
      concurrency,
      onProgress: (n) => line.update(`bare BullMQ: ${n}/${bareJobs} no-op jobs`),
    });
    const bareRate = steadyRate(bare.completionTimesMs);

    const probe = new BenchProbeCounter();
    const started = Date.now();
    const runtime = await startSyncWell({
      env: infra.env({ SYNCWELL_WORKER_CONCURRENCY: String(concurrency) }),
      roles: { api: false, worker: true, scheduler: false },
      modules: [
        benchSourceModule({ probe, recordsPerPage: recordsPerJob }),
        benchDestinationModule({ probe }),
      ],
    });
    try {
      await waitForRuns(infra, jobs, probe, line);
    } finally {
      await runtime.close(10_000);
    }
    const wallS = (Date.now() - started) / 1_000;
    const check = await verify(infra);
    const rate = steadyRate(check.finishedAt);
    line.done(`done: ${fmt(rate)} jobs/s vs bare ${fmt(bareRate)} jobs/s`);
    const ratio = rate / bareRate;
    return {
      id: 'P2',
      title: `worker sync jobs (1 process, concurrency ${concurrency})`,
      figure: { value: rate, unit: 'jobs/s' },
      bare: { value: bareRate, unit: 'jobs/s', what: 'BullMQ no-op jobs' },
      ratio,
      goals: [goal('≥ 25 % of bare', ratio >= 0.25), goal('≥ 1,042 jobs/s', rate >= 1_042)],
      details: [
        `${jobs} jobs × ${recordsPerJob} records: ${check.succeeded} runs succeeded, ${check.ledgerRows} ledger rows, ${probe.recordsWritten} records written; wall ${wallS.toFixed(1)} s incl. start-up`,
        `bare: ${bareJobs} no-op jobs; rates are completions/s between the 10th and 90th percentile completion`,
      ],
    };
  } finally {
    await infra.close();
  }
}

/** Users, connections, rules and one queued run + job per rule, before any worker starts. */
async function seedJobs(infra: BenchInfra, jobs: number, line: Progress): Promise<void> {
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

/** Until every run has finished; fails when nothing moves for 60 s (a stuck worker). */
async function waitForRuns(
  infra: BenchInfra,
  jobs: number,
  probe: BenchProbeCounter,
  line: Progress,
): Promise<void> {
  let lastWrites = -1;
  let lastMove = Date.now();
  for (;;) {
    // The probe is in-process and free; PostgreSQL is asked only near the end.
    if (probe.writes >= jobs) {
      const { rows } = await infra.sql.query<{ n: string }>(
        'select count(*) as n from runs where finished_at is not null',
      );
      if (Number(rows[0]?.n ?? 0) >= jobs) return;
    }
    if (probe.writes !== lastWrites) {
      lastWrites = probe.writes;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > 60_000) {
      throw new Error(`bench: the worker made no progress for 60 s (${probe.writes}/${jobs} jobs wrote)`);
    }
    line.update(`SyncWell worker: ${probe.writes}/${jobs} jobs wrote`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the store says happened: every run finished, every record in the ledger. */
async function verify(infra: BenchInfra) {
  const runs = await infra.sql.query<{ finished_at: string; status: string }>(
    'select finished_at, status from runs where finished_at is not null',
  );
  const ledger = await infra.sql.query<{ n: string }>('select count(*) as n from sync_ledger');
  return {
    finishedAt: runs.rows.map((row) => Number(row.finished_at)),
    succeeded: runs.rows.filter((row) => row.status === 'succeeded').length,
    ledgerRows: Number(ledger.rows[0]?.n ?? 0),
  };
}
