import type { ProviderFacts } from '@syncwell/core';

/**
 * Strava API v3 as documented on 2026-11-25 (see /work/shared/providers/strava.md).
 * Limits are per application and reset on quarter hours and at UTC midnight; the "read"
 * bucket covers every request except uploads.
 */
export const stravaFacts: ProviderFacts = {
  id: 'strava',
  displayName: 'Strava',
  defaultBaseUrls: {
    api: 'https://www.strava.com/api/v3',
    authorize: 'https://www.strava.com/oauth/authorize',
    token: 'https://www.strava.com/oauth/token',
  },
  auth: {
    kind: 'oauth2',
    scopes: ['read', 'activity:read_all', 'activity:write'],
    scopeSeparator: ',',
    pkce: 'none',
    clientAuth: 'body',
    refresh: 'rotating',
    accessTokenLifetimeSeconds: 21_600,
    extraAuthorizeParams: { approval_prompt: 'auto' },
  },
  capabilities: {
    readable: ['workout'],
    writable: ['workout'],
    push: 'webhook',
    backfillWindowDays: null,
    // Strava takes a multisport FIT file (several sessions, transitions) as one activity.
    multisportWorkouts: 'whole',
  },
  rateLimits: [
    {
      scope: 'app',
      name: 'overall-15min',
      limit: 200,
      windowSeconds: 900,
      window: 'aligned',
      appliesTo: 'all',
    },
    {
      scope: 'app',
      name: 'overall-daily',
      limit: 2000,
      windowSeconds: 86_400,
      window: 'aligned',
      appliesTo: 'all',
    },
    {
      scope: 'app',
      name: 'read-15min',
      limit: 100,
      windowSeconds: 900,
      window: 'aligned',
      appliesTo: 'read',
    },
    {
      scope: 'app',
      name: 'read-daily',
      limit: 1000,
      windowSeconds: 86_400,
      window: 'aligned',
      appliesTo: 'read',
    },
  ],
  terms: { ownerOnly: true, excludeFromTraining: true },
};
