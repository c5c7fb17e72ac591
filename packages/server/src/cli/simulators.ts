import type { ProviderBaseUrls } from '@syncwell/core';
import {
  startGarminSimulator,
  startGoogleHealthSimulator,
  startOuraSimulator,
  startPolarSimulator,
  startStravaSimulator,
  startWhoopSimulator,
  startWithingsSimulator,
} from '@syncwell/testbed';

/** Client credentials the simulators accept and `start --with-simulators` configures. */
export const DEMO_CREDENTIALS = {
  polar: { clientId: 'syncwell-demo-polar', clientSecret: 'polar-demo-secret' },
  strava: { clientId: '90210', clientSecret: 'strava-demo-secret' },
  google_health: { clientId: 'syncwell-demo.apps.example', clientSecret: 'google-demo-secret' },
  garmin: { clientId: 'syncwell-demo-garmin', clientSecret: 'garmin-demo-secret' },
  oura: { clientId: 'syncwell-demo-oura', clientSecret: 'oura-demo-secret' },
  withings: { clientId: 'syncwell-demo-withings', clientSecret: 'withings-demo-secret' },
  whoop: { clientId: 'syncwell-demo-whoop', clientSecret: 'whoop-demo-secret' },
} as const;
type DemoProvider = keyof typeof DEMO_CREDENTIALS;

export interface RunningSimulators {
  readonly env: Record<string, string>;
  /** Each simulated cloud's origin, by provider id. */
  readonly urls: Readonly<Record<DemoProvider, string>>;
  close(): Promise<void>;
}

/**
 * The environment a deployment would set to point SyncWell's `provider` client at a simulator
 * (or any other cloud with the same API) using the demo credentials.
 */
export function simulatorEnv(
  provider: DemoProvider,
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
 * Starts a simulator of every cloud provider with one seeded demo user each (history of
 * workouts, sleep and daily data where the provider has them) and returns the environment that
 * points SyncWell at them: the same variables a real deployment sets.
 */
export async function startDemoSimulators(
  ports: Partial<Record<DemoProvider, number>> = {},
): Promise<RunningSimulators> {
  const port = (provider: DemoProvider) => (ports[provider] === undefined ? {} : { port: ports[provider] });
  const sims = {
    polar: await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      ...port('polar'),
      seed: 2026,
      athletes: 1,
      workoutsPerAthlete: 3,
    }),
    strava: await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      ...port('strava'),
      seed: 2026,
      athletes: 1,
    }),
    google_health: await startGoogleHealthSimulator({
      ...DEMO_CREDENTIALS.google_health,
      ...port('google_health'),
      seed: 2026,
      users: 1,
    }),
    garmin: await startGarminSimulator({
      ...DEMO_CREDENTIALS.garmin,
      ...port('garmin'),
      seed: 2026,
      users: 1,
    }),
    oura: await startOuraSimulator({ ...DEMO_CREDENTIALS.oura, ...port('oura'), seed: 2026, users: 1 }),
    withings: await startWithingsSimulator({
      ...DEMO_CREDENTIALS.withings,
      ...port('withings'),
      seed: 2026,
      users: 1,
    }),
    whoop: await startWhoopSimulator({ ...DEMO_CREDENTIALS.whoop, ...port('whoop'), seed: 2026, users: 1 }),
  };
  const providers = Object.keys(sims) as DemoProvider[];
  return {
    env: Object.assign({}, ...providers.map((p) => simulatorEnv(p, sims[p]))) as Record<string, string>,
    urls: Object.fromEntries(providers.map((p) => [p, sims[p].url])) as Record<DemoProvider, string>,
    close: async () => {
      await Promise.all(providers.map((p) => sims[p].close()));
    },
  };
}
