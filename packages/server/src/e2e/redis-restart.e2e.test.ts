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
import { DEMO_CREDENTIALS, runDemoFlow, simulatorEnv } from '@syncwell/devstack';
import type { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';
import { createTestDatabase } from '../testing/postgres-test-support.js';
import { startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis.js';

/**
 * Redis goes away while SyncWell runs on PostgreSQL + Redis: readiness says so at once, a manual
 * sync still answers quickly (the run row is the promise), and when Redis comes back (empty,
 * like a non-persistent Redis after a crash) the run is picked up again and completes.
 */
describe('Redis restart while running', () => {
  let redis: ThrowawayRedis;
  let database: { url: string; drop(): Promise<void> };
  let polar: PolarSimulator;
  let strava: StravaSimulator;
  let syncwell: SyncWellRuntime;
  let client: SyncWellApiClient;
  let ruleId: string;
  let dataDir: string;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    database = await createTestDatabase();
    polar = await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      seed: 31,
      athletes: 1,
      workoutsPerAthlete: 2,
    });
    strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 32,
      athletes: 1,
      uploadProcessingMs: 20,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-redis-restart-'));
    syncwell = await startSyncWell({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 4).toString('base64'),
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        SYNCWELL_STRAVA_POLL_INTERVAL_MS: '50',
        ...simulatorEnv('polar', polar),
        ...simulatorEnv('strava', strava),
      },
      schedulerTickMs: 300,
      staleRunMs: 500,
    });
    const demo = await runDemoFlow(syncwell.url);
    expect(demo.run.counts.written).toBe(2);
    client = demo.client;
    ruleId = demo.ruleId;
  }, 60_000);

  afterAll(async () => {
    await syncwell.close(2_000);
    await redis.stop();
    await Promise.all([polar.close(), strava.close()]);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('reports Redis down, answers manual syncs fast, and loses no run', async () => {
    await redis.stop();
    const ready = await fetch(`${syncwell.url}/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('redis');

    await polar.addExercise(polar.athletes[0]!.id);
    const started = Date.now();
    const run = await client.triggerSync(ruleId);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(run.status).toBe('queued');

    await redis.start();
    const finished = await client.waitForRun(run.id, 30_000);
    expect(finished.status).toBe('succeeded');
    expect(finished.counts.written).toBe(1);
    expect(strava.activitiesOf(strava.athletes[0]!.id)).toHaveLength(3);
    expect((await fetch(`${syncwell.url}/ready`)).status).toBe(200);
  }, 60_000);
});
