import type { ProviderFacts } from '@syncwell/core';

/**
 * Polar AccessLink v3 as documented on 2026-11-25 (see /work/shared/providers/polar.md).
 * Tokens are long-lived with no refresh token; the rate limits grow with registered users and
 * rest on secondary sources only.
 */
export const polarFacts: ProviderFacts = {
  id: 'polar',
  displayName: 'Polar',
  defaultBaseUrls: {
    api: 'https://www.polaraccesslink.com',
    authorize: 'https://flow.polar.com/oauth2/authorization',
    token: 'https://polarremote.com/v2/oauth2/token',
  },
  auth: {
    kind: 'oauth2',
    scopes: ['accesslink.read_all'],
    scopeSeparator: ' ',
    pkce: 'none',
    clientAuth: 'basic',
    refresh: 'none',
    accessTokenLifetimeSeconds: null,
  },
  capabilities: {
    readable: ['workout'],
    writable: [],
    push: 'webhook',
    // `/v3/exercises` offers recent data only and has no date filter.
    backfillWindowDays: null,
  },
  rateLimits: [
    {
      scope: 'app',
      name: 'app-15min',
      limit: 500,
      perUserIncrement: 20,
      windowSeconds: 900,
      window: 'rolling',
      appliesTo: 'all',
    },
    {
      scope: 'app',
      name: 'app-24h',
      limit: 5000,
      perUserIncrement: 100,
      windowSeconds: 86_400,
      window: 'rolling',
      appliesTo: 'all',
    },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
};
