import { startPolarSimulator, startStravaSimulator } from '@syncwell/testbed';

/** Client credentials the simulators accept and `start --with-simulators` configures. */
export const DEMO_CREDENTIALS = {
  polar: { clientId: 'syncwell-demo-polar', clientSecret: 'polar-demo-secret' },
  strava: { clientId: '90210', clientSecret: 'strava-demo-secret' },
} as const;

export interface RunningSimulators {
  readonly env: Record<string, string>;
  readonly urls: { polar: string; strava: string };
  close(): Promise<void>;
}

/**
 * Starts the Polar and Strava simulators with one seeded demo athlete each and returns the
 * environment that points SyncWell at them (the same variables a real deployment sets).
 */
export async function startDemoSimulators(
  ports: { polar?: number; strava?: number } = {},
): Promise<RunningSimulators> {
  const polar = await startPolarSimulator({
    ...DEMO_CREDENTIALS.polar,
    seed: 2026,
    athletes: 1,
    workoutsPerAthlete: 3,
    ...(ports.polar === undefined ? {} : { port: ports.polar }),
  });
  const strava = await startStravaSimulator({
    ...DEMO_CREDENTIALS.strava,
    seed: 2026,
    athletes: 1,
    ...(ports.strava === undefined ? {} : { port: ports.strava }),
  });
  const env: Record<string, string> = {};
  for (const [id, sim] of [
    ['POLAR', polar],
    ['STRAVA', strava],
  ] as const) {
    const credentials = id === 'POLAR' ? DEMO_CREDENTIALS.polar : DEMO_CREDENTIALS.strava;
    env[`SYNCWELL_${id}_CLIENT_ID`] = credentials.clientId;
    env[`SYNCWELL_${id}_CLIENT_SECRET`] = credentials.clientSecret;
    env[`SYNCWELL_${id}_API_URL`] = sim.baseUrls.api;
    env[`SYNCWELL_${id}_AUTHORIZE_URL`] = sim.baseUrls.authorize;
    env[`SYNCWELL_${id}_TOKEN_URL`] = sim.baseUrls.token;
  }
  return {
    env,
    urls: { polar: polar.url, strava: strava.url },
    close: async () => {
      await Promise.all([polar.close(), strava.close()]);
    },
  };
}
