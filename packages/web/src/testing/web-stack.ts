import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import {
  DEMO_CREDENTIALS,
  simulatorEnv,
  startNotificationServices,
  type NotificationServices,
} from '@syncwell/devstack';
import { freePort, startSyncWell, type SyncWellRuntime } from '@syncwell/server';
import { ensureWebBuild } from './web-build.js';

export interface WebStack {
  /** The app's origin, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  readonly syncwell: SyncWellRuntime;
  /** The testbed's Web Push, APNs, FCM, SMTP and webhook services, when asked for. */
  readonly notifications: NotificationServices | null;
  stop(): Promise<void>;
}

/**
 * The embedded SyncWell (every role in one process, SQLite) serving the built web app, with the
 * Polar and Strava simulators seeded with one athlete each, on free ports: what `npm start`
 * runs, small. Seeds are fixed, so names and values are the same on every run.
 */
export async function startWebStack(
  opts: { polarWorkouts?: number; stravaUploadProcessingMs?: number; notifications?: boolean } = {},
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
  // Every outbound channel, as `npm start` wires them: the testbed services stand in for the real ones.
  const notifications = opts.notifications === true ? await startNotificationServices() : null;
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
      ...notifications?.env,
    },
    schedulerTickMs: 3_600_000,
  });
  return {
    url: syncwell.url,
    polar,
    strava,
    syncwell,
    notifications,
    stop: async () => {
      await syncwell.close();
      await Promise.all([polar.close(), strava.close(), notifications?.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
