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
let accessToken: string;

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

/** The status code too: 202 (new backfill) and 200 (the rule's active one) look alike otherwise. */
async function postRaw(
  path: string,
  body?: object,
): Promise<{ status: number; body: { backfill: BackfillView } }> {
  const response = await fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { backfill: BackfillView } };
}

async function settled(id: string, timeoutMs = 30_000): Promise<BackfillView> {
  let view: BackfillView | undefined;
  await vi.waitFor(
    async () => {
      view = await client.call<BackfillView>('GET', `/v1/backfills/${id}`);
      expect(['running', 'paused']).not.toContain(view.status);
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
  // The demo's client keeps its token to itself; a second session serves the raw requests.
  const email = (await client.call<{ user: { email: string } }>('GET', '/v1/users/me')).user.email;
  ({ accessToken } = await client.call<{ accessToken: string }>('POST', '/v1/sessions', {
    email,
    password: 'correct horse battery staple',
  }));
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
      chunks: { total: 10, done: 10, partial: 0, failed: 0 },
      records: { written: 6, skipped: 2, failed: 0 },
      days: { total: 70, done: 70 },
      reason: null,
    });
    expectEachOnceAtStrava();
    // The user hears that it is done (the notice follows the last chunk's commit).
    type Inbox = { notifications: { kind: string; backfillId: string | null }[] };
    const completed = async () =>
      (await client.call<Inbox>('GET', '/v1/notifications')).notifications.filter(
        (n) => n.kind === 'backfill_completed' && n.backfillId === backfill.id,
      );
    for (let tries = 0; tries < 100 && (await completed()).length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await completed()).toHaveLength(1);
    // Chunk runs are grouped under their backfill; the default list shows live runs only.
    type RunList = { runs: { kind: string; backfillId: string | null; counts: { written: number } }[] };
    const chunkRuns = await client.call<RunList>('GET', `/v1/runs?backfillId=${backfill.id}&limit=200`);
    expect(chunkRuns.runs).toHaveLength(10);
    expect(chunkRuns.runs.every((r) => r.kind === 'backfill_chunk' && r.backfillId === backfill.id)).toBe(
      true,
    );
    expect(chunkRuns.runs.reduce((n, r) => n + r.counts.written, 0)).toBe(6);
    const live = await client.call<RunList>('GET', `/v1/runs?ruleId=${ruleId}&limit=200`);
    expect(live.runs.map((r) => r.kind)).toEqual(['sync']);
    const all = await client.call<RunList>('GET', `/v1/runs?ruleId=${ruleId}&kind=all&limit=200`);
    expect(all.runs).toHaveLength(11);
  });

  it('answers 404 for another user, 400 for an empty window, and the running one to a second request', async () => {
    const other = new SyncWellApiClient(runtime.url);
    await other.signUpAndLogIn(`other-${Date.now()}@example.org`, 'correct horse battery staple');
    const { backfill } = await post({ from: ago(71), to: ago(0) });
    const notFound = await other.call('GET', `/v1/backfills/${backfill.id}`).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(SyncWellApiError);
    expect((notFound as SyncWellApiError).status).toBe(404);
    const theirs = await other.call('POST', `/v1/rules/${ruleId}/backfill`, {}).catch((e: unknown) => e);
    expect((theirs as SyncWellApiError).status).toBe(404);
    if ((await client.call<BackfillView>('GET', `/v1/backfills/${backfill.id}`)).status === 'running') {
      const again = await post({});
      expect(again.backfill.id).toBe(backfill.id);
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

  it('makes one backfill of concurrent requests: 202 for the new one, 200 with the same id for the rest', async () => {
    await addPast(2, 160, 405);
    const answers = await Promise.all(
      [1, 2, 3].map(() => postRaw(`/v1/rules/${ruleId}/backfill`, { from: ago(170), to: ago(0) })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 202]);
    expect(new Set(answers.map((a) => a.body.backfill.id)).size).toBe(1);
    expect(await settled(answers[0]!.body.backfill.id)).toMatchObject({ status: 'succeeded' });
    expectEachOnceAtStrava();
  });

  it('pauses while its rule is disabled and resumes where it stopped when enabled', async () => {
    await addPast(3, 180, 406);
    await client.call('PATCH', `/v1/rules/${ruleId}`, { enabled: false });
    const { status, body } = await postRaw(`/v1/rules/${ruleId}/backfill`, { from: ago(200), to: ago(170) });
    expect(status).toBe(202);
    expect(body.backfill).toMatchObject({ status: 'paused', chunks: { total: 5, pending: 5, running: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await client.call<BackfillView>('GET', `/v1/backfills/${body.backfill.id}`)).toMatchObject({
      status: 'paused',
      chunks: { done: 0, running: 0 },
    });
    // A second request while paused answers the paused one.
    expect(await postRaw(`/v1/rules/${ruleId}/backfill`, {})).toMatchObject({
      status: 200,
      body: { backfill: { id: body.backfill.id } },
    });
    await client.call('PATCH', `/v1/rules/${ruleId}`, { enabled: true });
    expect(await settled(body.backfill.id)).toMatchObject({
      status: 'succeeded',
      chunks: { total: 5, done: 5 },
      records: { written: 3 },
    });
    expectEachOnceAtStrava();
  });
  it('clamps a 1900 start to the most chunks allowed, says so, and stops at once when cancelled', async () => {
    const { status, body } = await postRaw(`/v1/rules/${ruleId}/backfill`, { from: '1900-01-01' });
    expect(status).toBe(202);
    const { backfill } = body;
    expect(backfill).toMatchObject({
      requested: { from: '1900-01-01T00:00:00.000Z', to: null },
      clamped: [{ bound: 'from', reason: 'max_chunks', limit: 520 }],
    });
    expect(Date.parse(backfill.effective.to) - Date.parse(backfill.effective.from)).toBe(520 * 7 * DAY);
    // 200 days were read before: only the rest gets chunks, never more than 520.
    expect(backfill.chunks.total).toBeGreaterThan(520 - 30);
    expect(backfill.chunks.total).toBeLessThanOrEqual(520);

    const cancelled = await postRaw(`/v1/backfills/${backfill.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const view = cancelled.body.backfill;
    expect(view).toMatchObject({ status: 'cancelled', chunks: { pending: 0, running: 0 } });
    expect(view.finishedAt).not.toBeNull();
    expect(view.chunks.done + view.chunks.cancelled).toBe(view.chunks.total);
    expect(view.days.done).toBeLessThan(view.days.total);
    // Nothing starts any more: the view stays as it was answered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await client.call<BackfillView>('GET', `/v1/backfills/${backfill.id}`);
    expect(later.chunks).toEqual(view.chunks);
    const runs = await client.call<{ runs: { status: string }[] }>(
      'GET',
      `/v1/runs?backfillId=${backfill.id}&limit=200`,
    );
    expect(runs.runs.every((r) => !['queued', 'running'].includes(r.status))).toBe(true);
    const { chunks } = await client.call<{ chunks: { status: string }[] }>(
      'GET',
      `/v1/backfills/${backfill.id}/chunks`,
    );
    expect(chunks).toHaveLength(view.chunks.total);
    expect(await postRaw(`/v1/backfills/${backfill.id}/cancel`)).toMatchObject({
      status: 200,
      body: { backfill: { status: 'cancelled' } },
    });
  });

  it('answers 409 to cancelling a backfill that already ended otherwise', async () => {
    const { backfill } = await post({ from: ago(10), to: ago(0) });
    await settled(backfill.id);
    const refused = await postRaw(`/v1/backfills/${backfill.id}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'SW_CONFLICT', details: { status: 'succeeded' } });
  });
});
