import {
  startGarminSimulator,
  startGoogleHealthSimulator,
  startOuraSimulator,
  startPolarSimulator,
  startStravaSimulator,
  startWhoopSimulator,
  startWithingsSimulator,
  type GarminSimulator,
  type GoogleHealthSimulator,
  type OuraSimulator,
  type PolarSimulator,
  type StravaSimulator,
  type WhoopSimulator,
  type WithingsSimulator,
} from '@syncwell/testbed';
import { DEMO_CREDENTIALS, DEMO_PROVIDERS, type DemoProvider } from './demo-credentials.js';
import { simulatorEnv } from './simulator-env.js';
import type { DemoWebhookSecrets } from './webhook-secrets.js';

/** The simulated clouds by provider, with their test controls (add a workout, ...). */
export interface DemoSimulatorHandles {
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  readonly google_health: GoogleHealthSimulator;
  readonly garmin: GarminSimulator;
  readonly oura: OuraSimulator;
  readonly withings: WithingsSimulator;
  readonly whoop: WhoopSimulator;
}

export interface RunningSimulators {
  readonly handles: DemoSimulatorHandles;
  /** What points SyncWell at them: client credentials and URLs per provider. */
  readonly env: Record<string, string>;
  /** Each simulated cloud's origin, by provider id. */
  readonly urls: Readonly<Record<DemoProvider, string>>;
  close(): Promise<void>;
}

export interface DemoSimulatorOptions {
  readonly ports?: Partial<Record<DemoProvider, number>>;
  /** Secrets a simulator must know before SyncWell exists (Polar's signature key). */
  readonly webhookSecrets?: Pick<DemoWebhookSecrets, 'polarSignatureKey'>;
}

const SEED = 2026;

/**
 * Starts a simulator of every cloud provider with one seeded demo user each (history of
 * workouts, sleep and daily data where the provider has them; Strava has a second athlete, so a
 * Strava-to-Strava rule can be tried) and returns the environment that points SyncWell at them:
 * the same variables a real deployment sets.
 */
export async function startDemoSimulators(options: DemoSimulatorOptions = {}): Promise<RunningSimulators> {
  const port = (provider: DemoProvider) =>
    options.ports?.[provider] === undefined ? {} : { port: options.ports[provider] };
  const polarKey = options.webhookSecrets?.polarSignatureKey;
  const handles: DemoSimulatorHandles = {
    polar: await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      ...port('polar'),
      seed: SEED,
      athletes: 1,
      workoutsPerAthlete: 3,
      ...(polarKey === undefined ? {} : { webhookSecret: polarKey }),
    }),
    strava: await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      ...port('strava'),
      seed: SEED,
      athletes: 2,
    }),
    google_health: await startGoogleHealthSimulator({
      ...DEMO_CREDENTIALS.google_health,
      ...port('google_health'),
      seed: SEED,
      users: 1,
    }),
    garmin: await startGarminSimulator({
      ...DEMO_CREDENTIALS.garmin,
      ...port('garmin'),
      seed: SEED,
      users: 1,
    }),
    oura: await startOuraSimulator({ ...DEMO_CREDENTIALS.oura, ...port('oura'), seed: SEED, users: 1 }),
    withings: await startWithingsSimulator({
      ...DEMO_CREDENTIALS.withings,
      ...port('withings'),
      seed: SEED,
      users: 1,
    }),
    whoop: await startWhoopSimulator({ ...DEMO_CREDENTIALS.whoop, ...port('whoop'), seed: SEED, users: 1 }),
  };
  return {
    handles,
    env: Object.assign({}, ...DEMO_PROVIDERS.map((p) => simulatorEnv(p, handles[p]))) as Record<
      string,
      string
    >,
    urls: Object.fromEntries(DEMO_PROVIDERS.map((p) => [p, handles[p].url])) as Record<DemoProvider, string>,
    close: async () => {
      await Promise.all(DEMO_PROVIDERS.map((p) => handles[p].close()));
    },
  };
}
