import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveConsent,
  generateWorkouts,
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient, type RunView } from '../../client/api-client.js';
import { freePort } from '../../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../../runtime/syncwell-runtime.js';

/*
 * Runs coalesce (issue 8 §4), through the API of one embedded runtime: a manual sync of a rule
 * that has a queued or running run answers that run, also when requests race; and on a fresh
 * rule the user's first manual sync is the run that moves the data, even when a scheduler tick
 * lands between creating the rule and pressing "sync now".
 */
let polar: PolarSimulator;
let strava: StravaSimulator;
let runtime: SyncWellRuntime;
let dataDir: string;
let client: SyncWellApiClient;
let ruleId: string;
let polarAthlete: number;
let accessToken: string;

const EMAIL = 'coalesce@example.org';
const PASSWORD = 'correct horse battery staple';

async function addExercises(count: number, seed: number): Promise<void> {
  // The simulators run on the real clock here; only "before now" matters.
  const endBefore = new Date(Date.now() - 60_000);
  for (const workout of generateWorkouts({ seed, count, provider: 'polar', endBefore })) {
    await polar.addExercise(polarAthlete, workout);
  }
}

async function syncRaw(): Promise<{ status: number; run: RunView }> {
  const response = await fetch(`${runtime.url}/v1/rules/${ruleId}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, run: ((await response.json()) as { run: RunView }).run };
}

async function runsOfRule(): Promise<RunView[]> {
  return (await client.call<{ runs: RunView[] }>('GET', `/v1/runs?ruleId=${ruleId}&kind=all&limit=200`)).runs;
}

beforeAll(async () => {
  [polar, strava] = await Promise.all([
    startPolarSimulator({ ...DEMO_CREDENTIALS.polar, seed: 51, athletes: 1, workoutsPerAthlete: 3 }),
    startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 52,
      athletes: 1,
      activitiesPerAthlete: 0,
      uploadProcessingMs: 1,
    }),
  ]);
  polarAthlete = polar.athletes[0]!.id;
  dataDir = mkdtempSync(join(tmpdir(), 'syncwell-coalesce-'));
  runtime = await startSyncWell({
    env: {
      PORT: String(await freePort()),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SYNCWELL_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      ...simulatorEnv('polar', polar),
      ...simulatorEnv('strava', strava),
    },
    // Ticks are called by the test, where they would race the user.
    schedulerTickMs: 3_600_000,
  });
  client = new SyncWellApiClient(runtime.url);
  await client.signUpAndLogIn(EMAIL, PASSWORD);
  ({ accessToken } = await client.call<{ accessToken: string }>('POST', '/v1/sessions', {
    email: EMAIL,
    password: PASSWORD,
  }));
  const connect = async (provider: string) =>
    client.completeConnection(
      new URL((await approveConsent(await client.startConnection(provider))).location),
    );
  const [source, destination] = [await connect('polar'), await connect('strava')];
  ruleId = (
    await client.createRule({
      sourceConnectionId: source.id,
      destinationConnectionId: destination.id,
      dataTypes: ['workout'],
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await runtime.close();
  await Promise.all([polar.close(), strava.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('manual sync coalesces (embedded)', () => {
  it('on a fresh rule, the first manual sync is the run that moves the data, and requests racing it join it', async () => {
    // A scheduler tick right after the rule was created: it must not start a run of its own.
    expect(await runtime.scheduler.tick()).toBe(0);
    const answers = await Promise.all([syncRaw(), syncRaw(), syncRaw()]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const ids = new Set(answers.map((a) => a.run.id));
    expect(ids.size).toBe(1);
    const run = await client.waitForRun(answers[0].run.id);
    expect(run).toMatchObject({
      trigger: 'manual',
      kind: 'sync',
      status: 'succeeded',
      counts: { written: 3 },
    });
    expect(await runtime.scheduler.tick()).toBe(0);
    expect((await runsOfRule()).map((r) => r.id)).toEqual([run.id]);
    expect(strava.activitiesOf(strava.athletes[0]!.id)).toHaveLength(3);
  });

  it('answers the queued or running run while there is one, and a new run once it has ended', async () => {
    await addExercises(2, 53);
    const first = await syncRaw();
    const again = await syncRaw();
    expect(again).toMatchObject({ status: 202, run: { id: first.run.id } });
    const ended = await client.waitForRun(first.run.id);
    expect(ended.counts.written).toBe(2);
    const next = await syncRaw();
    expect(next.status).toBe(202);
    expect(next.run.id).not.toBe(first.run.id);
    expect((await client.waitForRun(next.run.id)).counts.written).toBe(0);
  });
});
