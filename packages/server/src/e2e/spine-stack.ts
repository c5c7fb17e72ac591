import { mkdtempSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

export interface SpineStack {
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  readonly syncwell: SyncWellRuntime;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** Both simulators and a whole SyncWell on random ports with a throwaway data directory. */
export async function startSpineStack(
  opts: {
    polarWorkouts?: number;
    logger?: Logger;
    /** More settings (notification channels, ...). */
    env?: Record<string, string>;
    notificationTickMs?: number;
  } = {},
): Promise<SpineStack> {
  const polar = await startPolarSimulator({
    ...DEMO_CREDENTIALS.polar,
    seed: 11,
    athletes: 1,
    workoutsPerAthlete: opts.polarWorkouts ?? 3,
  });
  const strava = await startStravaSimulator({
    ...DEMO_CREDENTIALS.strava,
    seed: 12,
    athletes: 1,
    uploadProcessingMs: 20,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-e2e-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    SYNCWELL_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SYNCWELL_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...simulatorEnv('polar', polar),
    ...simulatorEnv('strava', strava),
    ...opts.env,
  };
  const syncwell = await startSyncWell({
    env,
    schedulerTickMs: 3_600_000,
    ...(opts.notificationTickMs === undefined ? {} : { notificationTickMs: opts.notificationTickMs }),
    ...(opts.logger === undefined ? {} : { logger: opts.logger }),
  });
  return {
    polar,
    strava,
    syncwell,
    env,
    stop: async () => {
      await syncwell.close();
      await Promise.all([polar.close(), strava.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
