import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { freePort, startSyncWell, type SyncWellRuntime } from '@syncwell/server';
import { ensureWebBuild } from './web-build.js';

export interface WebStack {
  /** The app's origin, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  readonly syncwell: SyncWellRuntime;
  stop(): Promise<void>;
}

/**
 * The embedded SyncWell (every role in one process, SQLite) serving the built web app, with the
 * Polar and Strava simulators seeded with one athlete each, on free ports: what `npm start`
 * runs, small. Seeds are fixed, so names and values are the same on every run.
 */
export async function startWebStack(
  opts: { polarWorkouts?: number; stravaUploadProcessingMs?: number } = {},
): Promise<WebStack> {
  const webDir = ensureWebBuild();
  const polar = await startPolarSimulator({
    ...DEMO_CREDENTIALS.polar,
    seed: 2026,
    athletes: 1,
    workoutsPerAthlete: opts.polarWorkouts ?? 3,
  });
  const strava = await startStravaSimulator({
    ...DEMO_CREDENTIALS.strava,
    seed: 2026,
    athletes: 1,
    uploadProcessingMs: opts.stravaUploadProcessingMs ?? 20,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-web-'));
  const port = await freePort();
  const syncwell = await startSyncWell({
    env: {
      PORT: String(port),
      SYNCWELL_DATA_DIR: dataDir,
      SYNCWELL_WEB_DIR: webDir,
      LOG_LEVEL: 'silent',
      SYNCWELL_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      SYNCWELL_DEMO_LINKS: JSON.stringify([
        { label: 'What the Strava simulator received', url: `${strava.url}/demo/received` },
      ]),
      ...simulatorEnv('polar', polar),
      ...simulatorEnv('strava', strava),
    },
    schedulerTickMs: 3_600_000,
  });
  return {
    url: syncwell.url,
    polar,
    strava,
    syncwell,
    stop: async () => {
      await syncwell.close();
      await Promise.all([polar.close(), strava.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
