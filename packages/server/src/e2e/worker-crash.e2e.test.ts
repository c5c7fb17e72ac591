import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveConsent, startPolarSimulator, startStravaSimulator } from '@syncwell/testbed';
import type { PolarSimulator, StravaSimulator } from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '../cli/simulators.js';
import { SyncWellApiClient } from '../demo/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { createTestDatabase } from '../testing/postgres-test-support.js';
import { connectTestRedis, type TestRedis } from '../testing/redis-test-support.js';
import { startRoleProcess, type RoleProcess } from './role-process.js';

/**
 * A worker killed with SIGKILL in the middle of a run (some records written at the destination,
 * the page not committed), then a fresh worker: every record ends at the destination exactly once.
 * The intent rows make the new worker look the written ones up by tag instead of writing again.
 */
describe('worker SIGKILL mid-run (PostgreSQL + Redis)', () => {
  let database: { url: string; drop(): Promise<void> };
  let redis: TestRedis;
  let polar: PolarSimulator;
  let strava: StravaSimulator;
  let env: Record<string, string>;
  let dataDir: string;
  const processes: RoleProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await connectTestRedis();
    polar = await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      seed: 61,
      athletes: 1,
      workoutsPerAthlete: 5,
    });
    strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 62,
      athletes: 1,
      uploadProcessingMs: 400,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-crash-'));
    env = {
      PORT: String(await freePort()),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SYNCWELL_MASTER_KEY: Buffer.alloc(32, 8).toString('base64'),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SYNCWELL_REDIS_PREFIX: redis.prefix.replace(/:$/, ''),
      SYNCWELL_STRAVA_POLL_INTERVAL_MS: '50',
      // A dead worker's job and rule lock are taken over after these, instead of 30 s and 60 s.
      SYNCWELL_JOB_LOCK_MS: '1000',
      SYNCWELL_RULE_LOCK_MS: '2000',
      ...simulatorEnv('polar', polar),
      ...simulatorEnv('strava', strava),
    };
    await startRoleProcess('migrate', env);
    processes.push(await startRoleProcess('api', env));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([polar.close(), strava.close()]);
    await redis.cleanup();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('leaves every record at the destination exactly once', async () => {
    const client = new SyncWellApiClient(`http://127.0.0.1:${env.PORT!}`);
    await client.signUpAndLogIn('crash@example.org', 'correct horse battery staple');
    const connect = async (provider: string) =>
      client.completeConnection(
        new URL((await approveConsent(await client.startConnection(provider))).location),
      );
    const source = await connect('polar');
    const destination = await connect('strava');
    const rule = await client.createRule({
      sourceConnectionId: source.id,
      destinationConnectionId: destination.id,
      dataTypes: ['workout'],
    });
    const athlete = strava.athletes[0]!.id;

    const doomed = await startRoleProcess('worker', env);
    const run = await client.triggerSync(rule.id);
    // Kill once some, but not all, uploads have landed at Strava: the page is not committed yet.
    for (let i = 0; i < 400 && strava.activitiesOf(athlete).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    doomed.child.kill('SIGKILL');
    await doomed.stop();
    const landedBeforeCrash = strava.activitiesOf(athlete).length;
    expect(landedBeforeCrash).toBeGreaterThanOrEqual(2);
    expect(landedBeforeCrash).toBeLessThan(5);
    expect((await client.getRun(run.id)).status).toBe('running');

    processes.push(await startRoleProcess('worker', env));
    const finished = await client.waitForRun(run.id, 45_000);
    expect(finished.status).toBe('succeeded');

    const activities = strava.activitiesOf(athlete);
    expect(activities).toHaveLength(5);
    expect(new Set(activities.map((a) => a.startDate)).size).toBe(5);
    const exercises = polar.exercisesOf(polar.athletes[0]!.id);
    expect(new Set(activities.map((a) => a.startDate))).toEqual(
      new Set(exercises.map((e) => e.workout.startTime.replace(/\.\d+Z$/, '.000Z'))),
    );
    expect((await client.syncAndWait(rule.id)).counts.written).toBe(0);
  }, 120_000);
});
