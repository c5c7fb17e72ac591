import { freePort } from '../packages/server/src/runtime/free-port.js';
import { createPostgresStore } from '../packages/server/src/store/postgres/postgres-store.js';
import { createEnvelopeVault } from '../packages/server/src/vault/envelope-vault.js';
import { fmt, goal, type BenchResult } from './support/bench-result.js';
import { openBenchInfra } from './support/bench-infra.js';
import { startChild } from './support/child-process.js';
import { httpLoad, type HttpLoadResult } from './support/http-load.js';
import { progress } from './support/progress.js';
import { BENCH_PASSWORD, seedRules } from './support/seed.js';

export interface ManualSyncOptions {
  readonly quick?: boolean;
  /** autocannon connections for both servers; default 32. */
  readonly connections?: number;
  readonly durationS?: number;
  /** Users (each with one rule) the requests rotate over; default 64. */
  readonly users?: number;
}

const SERVER_CHILD = new URL('./children/syncwell-api-server.ts', import.meta.url);
const BARE_CHILD = new URL('./children/bare-fastify-server.ts', import.meta.url);

/**
 * P1: `POST /v1/rules/:id/sync` (JWT check, rule + both connections read, run row insert,
 * BullMQ enqueue) on the api role alone, against Fastify's hello world, both in their own
 * process and loaded by the same autocannon settings in this process.
 */
export async function benchManualSync(options: ManualSyncOptions = {}): Promise<BenchResult> {
  const quick = options.quick ?? false;
  const connections = options.connections ?? 32;
  const durationS = options.durationS ?? (quick ? 2 : 10);
  const warmupS = quick ? 1 : 3;
  const users = options.users ?? (quick ? 4 : 64);
  const line = progress('P1');
  const infra = await openBenchInfra();
  try {
    const store = await createPostgresStore({ connectionString: infra.databaseUrl, poolSize: 4 });
    line.update(`seeding ${users} users, connections and rules`);
    const rules = await seedRules(store, createEnvelopeVault(infra.masterKey), users);
    await store.close();

    const port = await freePort();
    const api = await startChild<{ url: string }>(SERVER_CHILD, {
      // The bench measures the trigger path itself, one client hammering it: budgets would cap it.
      env: infra.env({ PORT: String(port), HOST: '127.0.0.1', SYNCWELL_API_RATE_LIMITS: 'off' }),
    });
    const bare = await startChild<{ url: string }>(BARE_CHILD);
    try {
      line.update('logging in');
      const tokens = await Promise.all(rules.map((rule) => login(api.ready.url, rule.email)));
      let turn = 0;
      const next = () => {
        const i = turn++ % rules.length;
        return {
          path: `/v1/rules/${rules[i]!.ruleId}/sync`,
          headers: { authorization: `Bearer ${tokens[i]!}` },
        };
      };
      await expectAccepted(api.ready.url, next());

      const load = (url: string, label: string, durationS: number, post: boolean) =>
        httpLoad({
          url,
          connections,
          durationS,
          ...(post ? { method: 'POST' as const, next } : {}),
          progress: { update: (t) => line.update(`${label}: ${t}`), done: () => undefined },
        });
      await load(bare.ready.url, 'bare warm-up', warmupS, false);
      const bareRun = await load(bare.ready.url, 'bare Fastify', durationS, false);
      await load(api.ready.url, 'SyncWell warm-up', warmupS, true);
      const ours = await load(api.ready.url, 'SyncWell', durationS, true);
      const runs = await infra.sql.query<{ n: string }>('select count(*) as n from runs');
      line.done(`done: ${fmt(ours.reqPerSec)} req/s vs bare ${fmt(bareRun.reqPerSec)} req/s`);
      return result(ours, bareRun, { connections, durationS, users, runRows: Number(runs.rows[0]?.n ?? 0) });
    } finally {
      await Promise.all([api.stop(), bare.stop()]);
    }
  } finally {
    // The queue filled with jobs nobody will take: infra.close() removes them with the prefix.
    await infra.close();
  }
}

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`bench login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** One request by hand first: a benchmark of 401s or 404s would measure the wrong thing fast. */
async function expectAccepted(url: string, request: { path: string; headers: Record<string, string> }) {
  const response = await fetch(`${url}${request.path}`, { method: 'POST', headers: request.headers });
  if (response.status !== 202) {
    throw new Error(`manual sync answered ${response.status}, expected 202: ${await response.text()}`);
  }
}

function result(
  ours: HttpLoadResult,
  bare: HttpLoadResult,
  setup: { connections: number; durationS: number; users: number; runRows: number },
): BenchResult {
  const ratio = ours.reqPerSec / bare.reqPerSec;
  return {
    id: 'P1',
    title: 'manual-sync trigger (api role, PG + Redis)',
    figure: { value: ours.reqPerSec, unit: 'req/s' },
    bare: { value: bare.reqPerSec, unit: 'req/s', what: 'Fastify hello world' },
    ratio,
    goals: [
      goal('≥ 30 % of bare', ratio >= 0.3),
      goal('≥ 3,125 req/s', ours.reqPerSec >= 3_125),
      goal('p99 ≤ 50 ms', ours.p99Ms <= 50),
    ],
    details: [
      `SyncWell latency p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms, max ${ours.maxMs} ms; bare p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms`,
      `${ours.ok} × 202, ${ours.non2xx} non-2xx, ${ours.errors} errors; ${setup.runRows} run rows written (incl. warm-up)`,
      `autocannon ${setup.connections} connections × ${setup.durationS} s, requests rotating over ${setup.users} users/rules`,
    ],
  };
}
