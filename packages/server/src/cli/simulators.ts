import type { ProviderBaseUrls } from '@syncwell/core';
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
 * The environment a deployment would set to point SyncWell's `provider` client at a simulator
 * (or any other cloud with the same API) using the demo credentials.
 */
export function simulatorEnv(
  provider: keyof typeof DEMO_CREDENTIALS,
  sim: { readonly baseUrls: ProviderBaseUrls },
): Record<string, string> {
  const id = provider.toUpperCase();
  return {
    [`SYNCWELL_${id}_CLIENT_ID`]: DEMO_CREDENTIALS[provider].clientId,
    [`SYNCWELL_${id}_CLIENT_SECRET`]: DEMO_CREDENTIALS[provider].clientSecret,
    [`SYNCWELL_${id}_API_URL`]: sim.baseUrls.api,
    [`SYNCWELL_${id}_AUTHORIZE_URL`]: sim.baseUrls.authorize,
    [`SYNCWELL_${id}_TOKEN_URL`]: sim.baseUrls.token,
  };
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
  const env = { ...simulatorEnv('polar', polar), ...simulatorEnv('strava', strava) };
  return {
    env,
    urls: { polar: polar.url, strava: strava.url },
    close: async () => {
      await Promise.all([polar.close(), strava.close()]);
    },
  };
}
