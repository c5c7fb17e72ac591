import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '../cli/simulators.js';
import { SyncWellApiClient } from '../demo/api-client.js';
import { approveConsent } from '@syncwell/testbed';
import { freePort } from '../runtime/free-port.js';
import { createTestDatabase } from '../testing/postgres-test-support.js';
import { connectTestRedis, type TestRedis } from '../testing/redis-test-support.js';
import { startRoleProcess, type RoleProcess } from './role-process.js';

/**
 * SIGTERM drains: a worker told to stop while a run is in flight finishes that run, releases the
 * rule lock and exits 0; the next worker takes the rule at once.
 */
describe('worker SIGTERM drain (PostgreSQL + Redis)', () => {
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
      seed: 41,
      athletes: 1,
      workoutsPerAthlete: 3,
    });
    // Slow upload processing keeps the run in flight long enough to stop the worker mid-run.
    strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 42,
      athletes: 1,
      uploadProcessingMs: 700,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-drain-'));
    env = {
      PORT: String(await freePort()),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SYNCWELL_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SYNCWELL_REDIS_PREFIX: redis.prefix.replace(/:$/, ''),
      SYNCWELL_STRAVA_POLL_INTERVAL_MS: '50',
      SYNCWELL_SHUTDOWN_DEADLINE_MS: '20000',
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

  it('finishes the run in flight, exits 0, and leaves the rule free for the next worker', async () => {
    const client = new SyncWellApiClient(`http://127.0.0.1:${env.PORT!}`);
    await client.signUpAndLogIn('drain@example.org', 'correct horse battery staple');
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

    const worker = await startRoleProcess('worker', env);
    const run = await client.triggerSync(rule.id);
    for (let i = 0; i < 200 && (await client.getRun(run.id)).status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await client.getRun(run.id)).status).toBe('running');

    const exitCode = await worker.stop(30_000);
    expect(exitCode, worker.output()).toBe(0);
    const drained = await client.getRun(run.id);
    expect(drained.status).toBe('succeeded');
    expect(drained.counts.written).toBe(3);

    const next = await startRoleProcess('worker', env);
    processes.push(next);
    const started = Date.now();
    const second = await client.syncAndWait(rule.id, 20_000);
    expect(second.status).toBe('succeeded');
    expect(second.counts.written).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000); // not waiting out a stale 60 s lock
  }, 90_000);
});
