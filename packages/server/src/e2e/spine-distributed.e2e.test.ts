import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPolarSimulator, startStravaSimulator } from '@syncwell/testbed';
import { DEMO_CREDENTIALS, simulatorEnv } from '../cli/simulators.js';
import { freePort } from '../runtime/free-port.js';
import { createTestDatabase } from '../testing/postgres-test-support.js';
import { connectTestRedis } from '../testing/redis-test-support.js';
import { startRoleProcess, type RoleProcess } from './role-process.js';
import { describeSpineScenario } from './spine-scenario.js';

/**
 * The same spine scenario on the production layout: PostgreSQL + Redis (BullMQ), one `api`
 * process and two `worker` processes sharing the work.
 */
describeSpineScenario(
  'PostgreSQL + Redis, one api and two worker processes',
  async () => {
    const database = await createTestDatabase();
    const redis = await connectTestRedis();
    const polar = await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      seed: 21,
      athletes: 1,
      workoutsPerAthlete: 3,
    });
    const strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 22,
      athletes: 1,
      uploadProcessingMs: 20,
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-e2e-dist-'));
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SYNCWELL_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SYNCWELL_REDIS_PREFIX: redis.prefix.replace(/:$/, ''),
      SYNCWELL_WORKER_CONCURRENCY: '8',
      SYNCWELL_STRAVA_POLL_INTERVAL_MS: '50',
      ...simulatorEnv('polar', polar),
      ...simulatorEnv('strava', strava),
    };
    const processes: RoleProcess[] = [];
    try {
      await startRoleProcess('migrate', env);
      processes.push(
        ...(await Promise.all([
          startRoleProcess('api', env),
          startRoleProcess('worker', env),
          startRoleProcess('worker', env),
        ])),
      );
    } catch (error) {
      await Promise.all(processes.map((p) => p.stop()));
      throw error;
    }
    return {
      apiUrl: `http://127.0.0.1:${port}`,
      polar,
      strava,
      stop: async () => {
        const codes = await Promise.all(processes.map((p) => p.stop()));
        await Promise.all([polar.close(), strava.close()]);
        await redis.cleanup();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
        const unclean = codes.findIndex((code) => code !== 0);
        if (unclean >= 0)
          throw new Error(
            `${processes[unclean]!.role} exited ${codes[unclean]}:\n${processes[unclean]!.output()}`,
          );
      },
    };
  },
  90_000,
);
