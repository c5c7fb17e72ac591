import { BenchProbeCounter, benchDestinationModule, benchSourceModule } from '@syncwell/testbed';
import { backfillChunkJob } from '../packages/server/src/backfill/backfill-chunk-job.js';
import { createBullmqQueue } from '../packages/server/src/queue/bullmq/bullmq-queue.js';
import { startSyncWell } from '../packages/server/src/runtime/syncwell-runtime.js';
import { createPostgresStore } from '../packages/server/src/store/postgres/postgres-store.js';
import { createEnvelopeVault } from '../packages/server/src/vault/envelope-vault.js';
import { fmt, goal, type BenchResult } from './support/bench-result.js';
import { openBenchInfra, type BenchInfra } from './support/bench-infra.js';
import { inParallel } from './support/in-parallel.js';
import { steadyRate } from './support/percentiles.js';
import { progress, type Progress } from './support/progress.js';
import { seedRules } from './support/seed.js';

const DAY_MS = 86_400_000;
/** The bench source's day 0; its records are days counted from here. */
const EPOCH_MS = Date.UTC(2026, 0, 1);

export interface BackfillBenchOptions {
  readonly quick?: boolean;
  /** Backfills (one rule each) draining at once; default 200 (quick: 20). */
  readonly backfills?: number;
  /** Chunks per backfill; default 10 (quick: 5). */
  readonly chunks?: number;
  /** Days per chunk = daily_activity records per chunk job; default 100. */
  readonly chunkDays?: number;
  readonly concurrency?: number;
}

/**
 * P4: backfill records per minute for one worker process with rate limits off (the bench
 * providers have none): many rules' backfills, each cut into chunks run in order, drained by an
 * in-process worker-only runtime on PostgreSQL + BullMQ + Redis. Against bare multi-row inserts
 * of as many rows into PostgreSQL at the same concurrency (the floor of any ledger write).
 * The figure is the steady rate (10th to 90th percentile of the chunk runs' finished_at).
 */
export async function benchBackfill(options: BackfillBenchOptions = {}): Promise<BenchResult> {
  const quick = options.quick ?? false;
  const backfills = options.backfills ?? (quick ? 20 : 200);
  const chunks = options.chunks ?? (quick ? 5 : 10);
  const chunkDays = options.chunkDays ?? 100;
  const concurrency = options.concurrency ?? 200;
  const line = progress('P4');
  const infra = await openBenchInfra();
  try {
    await seedBackfills(infra, backfills, chunks, chunkDays, line);
    const totalRecords = backfills * chunks * chunkDays;
    const bareRate = await bareInserts(infra, totalRecords, chunkDays, line);

    const probe = new BenchProbeCounter();
    const started = Date.now();
    const runtime = await startSyncWell({
      env: infra.env({ SYNCWELL_WORKER_CONCURRENCY: String(concurrency) }),
      roles: { api: false, worker: true, scheduler: false },
      modules: [benchSourceModule({ probe, recordsPerPage: chunkDays }), benchDestinationModule({ probe })],
    });
    try {
      await waitForBackfills(infra, backfills * chunks, probe, line);
    } finally {
      await runtime.close(10_000);
    }
    const wallS = (Date.now() - started) / 1_000;
    const check = await verify(infra);
    const rate = steadyRate(check.finishedAt) * chunkDays * 60;
    line.done(`done: ${fmt(rate)} records/min vs bare ${fmt(bareRate)} rows/min`);
    const ratio = rate / bareRate;
    return {
      id: 'P4',
      title: `backfill records (1 worker, concurrency ${concurrency}, no rate limits)`,
      figure: { value: rate, unit: 'records/min' },
      bare: { value: bareRate, unit: 'rows/min', what: `PG multi-row inserts of ${chunkDays}` },
      ratio,
      goals: [goal('≥ 1,000,000 records/min', rate >= 1_000_000)],
      details: [
        `${backfills} backfills × ${chunks} chunks × ${chunkDays} daily records: ${check.succeeded}/${backfills} backfills succeeded, ${check.records} records, ${check.ledgerRows} ledger rows, ${probe.recordsWritten} written; wall ${wallS.toFixed(1)} s incl. start-up`,
        `bare: ${totalRecords} rows into an indexed two-column table, ${chunkDays} per statement, 16 connections`,
      ],
    };
  } finally {
    await infra.close();
  }
}

/** Rules, their backfills (first chunk's run written) and the first chunks' jobs. */
async function seedBackfills(
  infra: BenchInfra,
  count: number,
  chunks: number,
  chunkDays: number,
  line: Progress,
): Promise<void> {
  const store = await createPostgresStore({ connectionString: infra.databaseUrl, poolSize: 16 });
  const queue = createBullmqQueue({ connection: infra.redisUrl, prefix: `${infra.prefix}:q` });
  try {
    const rules = await seedRules(store, createEnvelopeVault(infra.masterKey), count, {
      onProgress: (n) => line.update(`seeding rules ${n}/${count}`),
    });
    const chunkMs = chunkDays * DAY_MS;
    const range = { from: new Date(EPOCH_MS), to: new Date(EPOCH_MS + chunks * chunkMs) };
    // Oldest first here so that each chunk's window starts on a day the source numbers from 0.
    const windows = Array.from({ length: chunks }, (_, i) => ({
      from: new Date(EPOCH_MS + i * chunkMs),
      to: new Date(EPOCH_MS + (i + 1) * chunkMs),
    }));
    let done = 0;
    await inParallel(rules.length, 16, async (i) => {
      const rule = rules[i]!;
      const { runs } = await store.createBackfill({
        ruleId: rule.ruleId,
        userId: rule.userId,
        dataTypes: ['daily_activity'],
        range,
        chunks: windows,
      });
      for (const run of runs) await queue.enqueue(backfillChunkJob(run));
      line.update(`creating backfills ${++done}/${count}`);
    });
  } finally {
    await queue.close();
    await store.close();
  }
}

/** The same number of rows as the backfill writes, straight into PostgreSQL. */
async function bareInserts(infra: BenchInfra, rows: number, perStatement: number, line: Progress) {
  await infra.sql.query('create table bare_rows (k text primary key, v text not null)');
  const statements = Math.ceil(rows / perStatement);
  const started = Date.now();
  let done = 0;
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: infra.databaseUrl, max: 16 });
  try {
    await inParallel(statements, 16, async (s) => {
      const values: string[] = [];
      const params: string[] = [];
      for (let i = 0; i < perStatement; i++) {
        params.push(`bare-${s}-${i}`, `dest-${s}-${i}`);
        values.push(`($${2 * i + 1}, $${2 * i + 2})`);
      }
      await pool.query(`insert into bare_rows (k, v) values ${values.join(',')}`, params);
      if (++done % 100 === 0) line.update(`bare inserts ${done}/${statements}`);
    });
  } finally {
    await pool.end();
  }
  return (statements * perStatement * 60_000) / (Date.now() - started);
}

async function waitForBackfills(
  infra: BenchInfra,
  chunkJobs: number,
  probe: BenchProbeCounter,
  line: Progress,
): Promise<void> {
  let lastWrites = -1;
  let lastMove = Date.now();
  for (;;) {
    if (probe.writes >= chunkJobs) {
      const { rows } = await infra.sql.query<{ n: string }>(
        "select count(*) as n from backfills where status = 'running'",
      );
      if (Number(rows[0]?.n ?? 0) === 0) return;
    }
    if (probe.writes !== lastWrites) {
      lastWrites = probe.writes;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > 60_000) {
      throw new Error(
        `bench: the worker made no progress for 60 s (${probe.writes}/${chunkJobs} chunks wrote)`,
      );
    }
    line.update(
      `SyncWell worker: ${probe.writes}/${chunkJobs} chunks wrote, ${probe.recordsWritten} records`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function verify(infra: BenchInfra) {
  const runs = await infra.sql.query<{ finished_at: string }>(
    "select finished_at from runs where trigger = 'backfill' and finished_at is not null",
  );
  const backfills = await infra.sql.query<{ n: string }>(
    "select count(*) as n from backfills where status = 'succeeded'",
  );
  const records = await infra.sql.query<{ n: string }>('select sum(records) as n from backfill_chunks');
  const ledger = await infra.sql.query<{ n: string }>('select count(*) as n from sync_ledger');
  return {
    finishedAt: runs.rows.map((row) => Number(row.finished_at)),
    succeeded: Number(backfills.rows[0]?.n ?? 0),
    records: Number(records.rows[0]?.n ?? 0),
    ledgerRows: Number(ledger.rows[0]?.n ?? 0),
  };
}
