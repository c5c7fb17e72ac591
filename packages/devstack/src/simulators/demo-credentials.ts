/**
 * Client credentials the simulators accept and the dev stack configures SyncWell with. They are
 * not secrets: the simulated clouds run on 127.0.0.1 and hold synthetic athletes only.
 */
export const DEMO_CREDENTIALS = {
  polar: { clientId: 'syncwell-demo-polar', clientSecret: 'polar-demo-secret' },
  strava: { clientId: '90210', clientSecret: 'strava-demo-secret' },
  google_health: { clientId: 'syncwell-demo.apps.example', clientSecret: 'google-demo-secret' },
  garmin: { clientId: 'syncwell-demo-garmin', clientSecret: 'garmin-demo-secret' },
  oura: { clientId: 'syncwell-demo-oura', clientSecret: 'oura-demo-secret' },
  withings: { clientId: 'syncwell-demo-withings', clientSecret: 'withings-demo-secret' },
  whoop: { clientId: 'syncwell-demo-whoop', clientSecret: 'whoop-demo-secret' },
} as const;

/** A provider the dev stack simulates. */
export type DemoProvider = keyof typeof DEMO_CREDENTIALS;

export const DEMO_PROVIDERS = Object.keys(DEMO_CREDENTIALS) as DemoProvider[];
