import type { ProviderFacts } from '@syncwell/core';

/**
 * Oura API v2 as documented on 2026-11-25 (see /work/shared/providers/oura.md). Read-only for
 * health data. The token lifetime (86 400 s) and single-use rotating refresh tokens rest on
 * secondary sources; the per-token 5,000 / 5 min comes from older docs (the 2026 OpenAPI names a
 * per-token and a per-app layer without numbers, so only the per-token one is declared here).
 */
export const ouraFacts: ProviderFacts = {
  id: 'oura',
  displayName: 'Oura',
  defaultBaseUrls: {
    api: 'https://api.ouraring.com',
    authorize: 'https://cloud.ouraring.com/oauth/authorize',
    token: 'https://api.ouraring.com/oauth/token',
  },
  auth: {
    kind: 'oauth2',
    // `personal` gives `personal_info.id`, the user id webhooks carry. `spo2Daily` is the [O]
    // spelling; some libraries write `spo2` ([U]).
    scopes: ['personal', 'daily', 'heartrate', 'workout', 'spo2Daily'],
    scopeSeparator: ' ',
    // Not documented; open-source clients send none.
    pkce: 'none',
    clientAuth: 'body',
    refresh: 'rotating',
    accessTokenLifetimeSeconds: 86_400,
  },
  capabilities: {
    readable: ['workout', 'daily_activity', 'sleep', 'heart_rate', 'hrv', 'spo2'],
    // No write endpoint exists for health data; only webhook subscriptions accept writes.
    writable: [],
    push: 'webhook',
    // No documented look-back limit; Oura advises one historical pull, then webhooks.
    backfillWindowDays: null,
  },
  rateLimits: [
    {
      scope: 'user',
      name: 'token-5min',
      limit: 5000,
      windowSeconds: 300,
      window: 'rolling',
      appliesTo: 'all',
    },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
};
