import type { ProviderFacts } from '@syncwell/core';

/**
 * Why a legacy Fitbit connection stopped, in words the server can show the user. The Fitbit Web
 * API and its OAuth endpoints were turned down on 2026-11-02 (410 Gone); Fitbit tokens cannot be
 * migrated, so the user consents again through Google.
 */
export const FITBIT_RETIREMENT = {
  turnedDownOn: '2026-11-02',
  successor: 'google_health',
  userMessage:
    'Fitbit turned off its old Web API on 2026-11-02. Reconnect your Fitbit account through Google Health ' +
    '(Fitbit data now comes from the Google Health API); your old Fitbit connection cannot be migrated.',
} as const;

/**
 * The legacy Fitbit Web API as it was (Part B of the reference), kept so existing connections
 * are recognised and ended cleanly. Nothing is readable or writable any more: every call,
 * OAuth included, answers 410 Gone. The historical facts: code flow + PKCE (S256 supported),
 * 8 h tokens, rotating refresh tokens, Basic client auth, 150 requests/user/hour reset on the hour.
 */
export const fitbitLegacyFacts: ProviderFacts & { readonly retirement: typeof FITBIT_RETIREMENT } = {
  id: 'fitbit_legacy',
  displayName: 'Fitbit (legacy Web API, turned down — reconnect through Google Health)',
  defaultBaseUrls: {
    api: 'https://api.fitbit.com',
    authorize: 'https://www.fitbit.com/oauth2/authorize',
    token: 'https://api.fitbit.com/oauth2/token',
  },
  auth: {
    kind: 'oauth2',
    scopes: ['activity', 'heartrate', 'sleep', 'weight', 'profile'],
    scopeSeparator: ' ',
    pkce: 'S256',
    clientAuth: 'basic',
    refresh: 'rotating',
    accessTokenLifetimeSeconds: 28_800,
  },
  capabilities: { readable: [], writable: [], push: 'none', backfillWindowDays: null },
  rateLimits: [
    {
      scope: 'user',
      name: 'user-hour',
      limit: 150,
      windowSeconds: 3600,
      window: 'aligned',
      appliesTo: 'all',
    },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
  retirement: FITBIT_RETIREMENT,
};
