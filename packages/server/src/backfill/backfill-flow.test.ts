import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateWorkouts,
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CREDENTIALS, runDemoFlow, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient, SyncWellApiError } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';
import type { BackfillView } from './backfill-view.js';

const DAY = 86_400_000;
/** Every window ends here, so chunk counts and days are exact. */
const T = Date.now();
const ago = (days: number) => new Date(T - days * DAY).toISOString();

/*
 * Historical backfill end to end: the API, the worker and SQLite of one embedded runtime, the
 * Polar and Strava simulators. Polar lists exercises uploaded in the last 30 days; exercises
 * added now with an old start are what a backfill window finds (range reads filter on start).
 */
let polar: PolarSimulator;
let strava: StravaSimulator;
let runtime: SyncWellRuntime;
let env: Record<string, string>;
let dataDir: string;
let client: SyncWellApiClient;
let ruleId: string;
let polarAthlete: number;
let stravaAthlete: number;

async function open(): Promise<SyncWellRuntime> {
  return startSyncWell({ env, schedulerTickMs: 3_600_000, staleRunMs: 0 });
}

/** Past exercises at Polar: `count` workouts ending before `daysAgo` days ago. */
async function addPast(count: number, daysAgo: number, seed: number): Promise<void> {
  const workouts = generateWorkouts({
    seed,
    count,
    provider: 'polar',
    endBefore: new Date(T - daysAgo * DAY),
  });
  for (const workout of workouts) await polar.addExercise(polarAthlete, workout);
}

function post(body: object): Promise<{ backfill: BackfillView }> {
  return client.call('POST', `/v1/rules/${ruleId}/backfill`, body);
}

async function settled(id: string, timeoutMs = 30_000): Promise<BackfillView> {
  let view: BackfillView | undefined;
  await vi.waitFor(
    async () => {
      view = await client.call<BackfillView>('GET', `/v1/backfills/${id}`);
      expect(view.status).not.toBe('running');
    },
    { timeout: timeoutMs, interval: 50 },
  );
  return view!;
}

/** Every Polar exercise is at Strava exactly once (by start time). */
function expectEachOnceAtStrava(): void {
  const starts = strava.activitiesOf(stravaAthlete).map((a) => a.startDate);
  expect(new Set(starts).size).toBe(starts.length);
  expect(starts).toHaveLength(polar.exercisesOf(polarAthlete).length);
}

beforeAll(async () => {
  [polar, strava] = await Promise.all([
    startPolarSimulator({ ...DEMO_CREDENTIALS.polar, seed: 41, athletes: 1, workoutsPerAthlete: 2 }),
    startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 42,
      athletes: 1,
      activitiesPerAthlete: 0,
      uploadProcessingMs: 1,
    }),
  ]);
  polarAthlete = polar.athletes[0]!.id;
  stravaAthlete = strava.athletes[0]!.id;
  dataDir = mkdtempSync(join(tmpdir(), 'syncwell-backfill-'));
  env = {
    PORT: String(await freePort()),
    SYNCWELL_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SYNCWELL_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
    ...simulatorEnv('polar', polar),
    ...simulatorEnv('strava', strava),
  };
  runtime = await open();
  const demo = await runDemoFlow(runtime.url);
  client = demo.client;
  ruleId = demo.ruleId;
  expect(demo.run.counts.written).toBe(2);
}, 60_000);

afterAll(async () => {
  await runtime.close();
  await Promise.all([polar.close(), strava.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('historical backfill (Polar → Strava, embedded)', () => {
  it('backfills a window chunk by chunk, newest first, with progress in chunks, records and days', async () => {
    await addPast(6, 40, 401);
    const { backfill } = await post({ from: ago(70), to: ago(0) });
    expect(backfill).toMatchObject({
      status: 'running',
      chunks: { total: 10, done: 0 },
      days: { total: 70 },
    });
    const done = await settled(backfill.id);
    // Two recent workouts were synced before (already synced: counted, not written again).
    expect(done).toMatchObject({
      status: 'succeeded',
      chunks: { total: 10, done: 10, failed: 0 },
      records: 8,
      days: { total: 70, done: 70 },
    });
    expectEachOnceAtStrava();
    const runs = await client.call<{ runs: { trigger: string; counts: { written: number } }[] }>(
      'GET',
      `/v1/runs?ruleId=${ruleId}&limit=200`,
    );
    const backfillRuns = runs.runs.filter((r) => r.trigger === 'backfill');
    expect(backfillRuns).toHaveLength(10);
    expect(backfillRuns.reduce((n, r) => n + r.counts.written, 0)).toBe(6);
  });

  it('answers 404 for another user, 400 for an empty window, and 409 while one is running', async () => {
    const other = new SyncWellApiClient(runtime.url);
    await other.signUpAndLogIn(`other-${Date.now()}@example.org`, 'correct horse battery staple');
    const { backfill } = await post({ from: ago(71), to: ago(0) });
    const notFound = await other.call('GET', `/v1/backfills/${backfill.id}`).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(SyncWellApiError);
    expect((notFound as SyncWellApiError).status).toBe(404);
    const theirs = await other.call('POST', `/v1/rules/${ruleId}/backfill`, {}).catch((e: unknown) => e);
    expect((theirs as SyncWellApiError).status).toBe(404);
    if ((await client.call<BackfillView>('GET', `/v1/backfills/${backfill.id}`)).status === 'running') {
      const busy = await post({}).catch((e: unknown) => e);
      expect((busy as SyncWellApiError).status).toBe(409);
    }
    await settled(backfill.id);
    const future = await post({ from: '2999-01-01' }).catch((e: unknown) => e);
    expect((future as SyncWellApiError).status).toBe(400);
  });

  it('fetches only the gap when a wider window was partly done before', async () => {
    await addPast(2, 80, 402);
    const { backfill } = await post({ from: ago(92), to: ago(0) });
    // 92 days asked, 71 done before: 21 days in 3 chunks.
    expect(backfill.chunks.total).toBe(3);
    expect(backfill.days).toEqual({ total: 92, done: 71 });
    const done = await settled(backfill.id);
    expect(done).toMatchObject({ status: 'succeeded', chunks: { total: 3, done: 3 }, days: { done: 92 } });
    expectEachOnceAtStrava();
  });

  it('resumes a backfill interrupted at a random chunk in a new runtime, with no duplicates', async () => {
    await addPast(8, 100, 403);
    const { backfill } = await post({ from: ago(150), to: ago(0) });
    expect(backfill.chunks.total).toBe(9); // 150 - 92 = 58 days
    const stopAfter = 1 + Math.floor(Math.random() * 5);
    await vi.waitFor(
      async () =>
        expect((await runtime.store.getBackfill(backfill.id))?.progress.chunks.done).toBeGreaterThanOrEqual(
          stopAfter,
        ),
      { timeout: 30_000, interval: 5 },
    );
    // No drain: the chunk in flight is cut off where it stands, as by a crash.
    await runtime.close(0);
    runtime = await open();
    // Same port and master key: the client's access token is still good.
    const done = await settled(backfill.id, 60_000);
    const codes = (
      await runtime.store.listRuns({
        userId: (await runtime.store.getRule(ruleId))!.userId,
        status: 'failed',
      })
    ).map((r) => r.errorCode);
    expect(done, `stopped after ${stopAfter} chunks; failed runs: ${codes.join(', ')}`).toMatchObject({
      status: 'succeeded',
      chunks: { total: 9, done: 9, failed: 0 },
    });
    expectEachOnceAtStrava();
  }, 90_000);
});
