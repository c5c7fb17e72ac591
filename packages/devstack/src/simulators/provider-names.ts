import type { DemoProvider } from './demo-credentials.js';

/** How a person names each simulated cloud. */
export const PROVIDER_NAMES: Readonly<Record<DemoProvider, string>> = {
  polar: 'Polar',
  strava: 'Strava',
  google_health: 'Google Health (Fitbit)',
  garmin: 'Garmin',
  oura: 'Oura',
  withings: 'Withings',
  whoop: 'WHOOP',
};
