import type { ProviderFacts } from '@syncwell/core';

/**
 * Withings Public Health Data API as documented on 2026-11-25 (/work/shared/providers/withings.md).
 * Every call is a form POST with an `action` field and answers HTTP 200 with a body `status`.
 * PKCE support is unknown, so none is sent. Refresh tokens rotate with a grace period (the old
 * one lives 8 h or until the new access token is used); `rotating` is the safe reading of that:
 * the new token must be kept, and refresh stays single-flight.
 */
export const withingsFacts: ProviderFacts = {
  id: 'withings',
  displayName: 'Withings',
  defaultBaseUrls: {
    api: 'https://wbsapi.withings.net',
    authorize: 'https://account.withings.com/oauth2_user/authorize2',
    // The old account.withings.com/oauth2/token endpoint was shut down on 2022-02-08.
    token: 'https://wbsapi.withings.net/v2/oauth2',
  },
  auth: {
    kind: 'oauth2',
    scopes: ['user.info', 'user.metrics', 'user.activity', 'user.sleepevents'],
    scopeSeparator: ',',
    pkce: 'none',
    clientAuth: 'body',
    refresh: 'rotating',
    accessTokenLifetimeSeconds: 10_800,
  },
  capabilities: {
    readable: ['workout', 'body_measurement', 'sleep', 'daily_activity', 'heart_rate'],
    // No public write endpoint for measurements is known.
    writable: [],
    push: 'webhook',
    // No history limit is documented.
    backfillWindowDays: null,
  },
  rateLimits: [
    // App-wide; Withings sends no rate-limit headers, only body status 601 once over.
    { scope: 'app', name: 'app-1min', limit: 120, windowSeconds: 60, window: 'rolling', appliesTo: 'all' },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
};

/** Token and refresh-token timings [O] access-and-refresh-tokens page. */
export const WITHINGS_TOKENS = {
  accessTokenSeconds: 10_800,
  /** The old refresh token survives this long after a refresh, unless the new access token is used. */
  oldRefreshGraceSeconds: 8 * 3600,
  refreshTokenLifetimeSeconds: 365 * 86_400,
} as const;

/** API paths (all POST, form-encoded, dispatched on `action`). */
export const WITHINGS_PATHS = {
  measure: '/measure',
  measureV2: '/v2/measure',
  sleep: '/v2/sleep',
  notify: '/notify',
} as const;

/** `appli` categories of Notify [O] for 1, [S] vangorra for the rest. */
export const WITHINGS_APPLI = {
  weight: 1,
  circulatory: 4,
  activity: 16,
  sleep: 44,
  userAction: 46,
} as const;

/** `getmeas` type codes [S] vangorra `MeasureType`. */
export const WITHINGS_MEASURE_TYPES = {
  weightKg: 1,
  fatFreeMassKg: 5,
  fatRatioPercent: 6,
  fatMassKg: 8,
} as const;

/** Sleep `state` values [S] vangorra `SleepState`. */
export const WITHINGS_SLEEP_STATES = { 0: 'awake', 1: 'light', 2: 'deep', 3: 'rem' } as const;

/** The rolling window a body status 601 refers to; Withings says nothing about when it resets. */
export const WITHINGS_RATE_WINDOW_MS = 60_000;
