import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveConsent, startPolarSimulator, startStravaSimulator } from '@syncwell/testbed';
import type { PolarSimulator, StravaSimulator } from '@syncwell/testbed';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { createTestDatabase } from '../testing/postgres-test-support.js';
import { connectTestRedis } from '../testing/redis-test-support.js';
import { startRoleProcess, type RoleProcess } from './role-process.js';

/** The production layout for tests: PostgreSQL + Redis of the test's own, simulators, role processes. */
export interface ProcessStack {
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  readonly env: Readonly<Record<string, string>>;
  readonly apiUrl: string;
  /** Starts `syncwell <role>`; the stack stops it at the end. */
  start(role: 'api' | 'worker' | 'scheduler' | 'insights', timeoutMs?: number): Promise<RoleProcess>;
  /** A signed-up user with Polar and Strava connected through the consent pages and a workout rule. */
  polarToStravaRule(email: string): Promise<{ client: SyncWellApiClient; ruleId: string }>;
  /** Stops every process (SIGTERM) and removes the database, keys and files; returns their exit codes. */
  stop(): Promise<{ role: string; code: number | null; output: string }[]>;
}

export interface ProcessStackOptions {
  readonly seed: number;
  readonly polarWorkouts: number;
  readonly uploadProcessingMs: number;
  readonly env?: Readonly<Record<string, string>>;
  /** How long a role may take to say it runs (default 30 s; busy machines need more). */
  readonly startTimeoutMs?: number;
}

export async function startProcessStack(options: ProcessStackOptions): Promise<ProcessStack> {
  const database = await createTestDatabase();
  const redis = await connectTestRedis();
  const polar = await startPolarSimulator({
    ...DEMO_CREDENTIALS.polar,
    seed: options.seed,
    athletes: 1,
    workoutsPerAthlete: options.polarWorkouts,
  });
  const strava = await startStravaSimulator({
    ...DEMO_CREDENTIALS.strava,
    seed: options.seed + 1,
    athletes: 1,
    uploadProcessingMs: options.uploadProcessingMs,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'sw-processes-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    SYNCWELL_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SYNCWELL_MASTER_KEY: Buffer.alloc(32, options.seed % 256).toString('base64'),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    SYNCWELL_REDIS_PREFIX: redis.prefix.replace(/:$/, ''),
    SYNCWELL_STRAVA_POLL_INTERVAL_MS: '50',
    ...simulatorEnv('polar', polar),
    ...simulatorEnv('strava', strava),
    ...options.env,
  };
  await startRoleProcess('migrate', env, options.startTimeoutMs);
  const processes: RoleProcess[] = [];
  const apiUrl = `http://127.0.0.1:${port}`;
  return {
    polar,
    strava,
    env,
    apiUrl,
    start: async (role, timeoutMs) => {
      const started = await startRoleProcess(role, env, timeoutMs ?? options.startTimeoutMs);
      processes.push(started);
      return started;
    },
    polarToStravaRule: async (email) => {
      const client = new SyncWellApiClient(apiUrl);
      await client.signUpAndLogIn(email, 'correct horse battery staple');
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
      return { client, ruleId: rule.id };
    },
    stop: async () => {
      const codes = await Promise.all(processes.map((p) => p.stop()));
      await Promise.all([polar.close(), strava.close()]);
      await redis.cleanup();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
      return processes.map((p, i) => ({ role: p.role, code: codes[i] ?? null, output: p.output() }));
    },
  };
}
