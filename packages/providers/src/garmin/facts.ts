import type { DataType, ProviderFacts } from '@syncwell/core';

/**
 * Garmin Connect Developer Program (Health / Activity API) as documented on 2026-11-25
 * (see /work/shared/providers/garmin.md). Garmin's own specs sit behind the partner portal,
 * so most values rest on secondary sources; the unknown ones are marked and kept configurable.
 *
 * OAuth 1.0a (HMAC-SHA1, `connectapi.garmin.com/oauth-service/...`) is legacy and retires on
 * 2026-12-31 [S]: SyncWell builds only OAuth 2.0 + PKCE and identifies users by `userId`.
 */
export const garminFacts: ProviderFacts = {
  id: 'garmin',
  displayName: 'Garmin Connect',
  defaultBaseUrls: {
    api: 'https://apis.garmin.com',
    authorize: 'https://connect.garmin.com/oauth2Confirm',
    token: 'https://diauth.garmin.com/di-oauth2-service/oauth/token',
  },
  auth: {
    kind: 'oauth2',
    // Permissions are toggles set per app in the developer portal, not request scopes.
    scopes: [],
    scopeSeparator: ' ',
    pkce: 'S256',
    // Client id and secret travel in the token request body [S].
    clientAuth: 'body',
    // Whether Garmin rotates refresh tokens is unknown [U]; treating them as rotating (keep the
    // newest, refresh single-flight) is the choice that cannot lose a token.
    refresh: 'rotating',
    // Unknown [U]: the client always uses the response's `expires_in`. A planning figure only.
    accessTokenLifetimeSeconds: 86_400,
  },
  capabilities: {
    readable: ['workout', 'daily_activity', 'heart_rate', 'sleep', 'body_measurement'],
    // The Health API cannot write activities, steps or weight; Training/Courses API writes are
    // planned workouts and courses, which SyncWell's canonical model does not hold.
    writable: [],
    // Garmin offers PING or PUSH per summary type. SyncWell treats both as notifications and
    // fetches with the user's token: a PING's fetch is what authenticates the data, PUSH has no
    // documented signature [U].
    push: 'ping',
    // Unsettled [U]: 30 days before connecting (open-wearables doc) or up to 5 years (its code).
    backfillWindowDays: 30,
  },
  rateLimits: [
    // "Garmin allows 100 requests/minute" [S/U]; scope and headers are unknown.
    { scope: 'app', name: 'app-1min', limit: 100, windowSeconds: 60, window: 'rolling', appliesTo: 'all' },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
};

/** The pull API serves upload-time windows of at most 24 h per request [S]. */
export const GARMIN_MAX_PULL_WINDOW_SECONDS = 86_400;

/** Summary types SyncWell reads, and which canonical types each feeds. */
export const GARMIN_SUMMARY_OF: Readonly<Record<DataType, GarminSummaryType>> = {
  workout: 'activities',
  daily_activity: 'dailies',
  heart_rate: 'dailies',
  sleep: 'sleeps',
  body_measurement: 'bodyComps',
  hrv: 'hrv',
  spo2: 'pulseOx',
};

export type GarminSummaryType = 'activities' | 'dailies' | 'sleeps' | 'bodyComps' | 'hrv' | 'pulseOx';

/**
 * What each pushed or pinged summary type could mean to SyncWell (others are acknowledged only).
 * Only the types in `capabilities.readable` are acted on: `hrv` and `pulseOx` arrive whether or
 * not we read them.
 */
export const GARMIN_NOTIFIED_TYPES: Readonly<Record<string, readonly DataType[]>> = {
  activities: ['workout'],
  activityFiles: ['workout'],
  activityDetails: ['workout'],
  manuallyUpdatedActivities: ['workout'],
  dailies: ['daily_activity', 'heart_rate'],
  sleeps: ['sleep'],
  bodyComps: ['body_measurement'],
  hrv: ['hrv'],
  pulseOx: ['spo2'],
};

const NOTIFIED_BY_LOWER_CASE = new Map(
  Object.keys(GARMIN_NOTIFIED_TYPES).map((name) => [name.toLowerCase(), name]),
);

/**
 * A summary type as Garmin spells it in a notification → our name for it. Real pushes use
 * `pulseox` as well as the documented `pulseOx`, so names are matched without regard to case.
 *
 * @example garminSummaryTypeOf('pulseox') // 'pulseOx'
 */
export function garminSummaryTypeOf(name: string): string | undefined {
  return NOTIFIED_BY_LOWER_CASE.get(name.toLowerCase());
}
