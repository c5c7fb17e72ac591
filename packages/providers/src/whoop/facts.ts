import type { ProviderFacts } from '@syncwell/core';

/**
 * WHOOP API v2 as documented on 2026-11-25 (see /work/shared/providers/whoop.md). Read-only.
 * Refresh tokens are issued only when `offline` is granted; each refresh returns a new one, and
 * whether the old one survives is not stated, so we treat it as rotating (single-flight refresh).
 * PKCE is not documented, so none is sent. Limits are per application.
 */
export const whoopFacts: ProviderFacts = {
  id: 'whoop',
  displayName: 'WHOOP',
  defaultBaseUrls: {
    api: 'https://api.prod.whoop.com/developer',
    authorize: 'https://api.prod.whoop.com/oauth/oauth2/auth',
    token: 'https://api.prod.whoop.com/oauth/oauth2/token',
  },
  auth: {
    kind: 'oauth2',
    // `read:profile` gives us the user id (the token response carries none).
    scopes: ['offline', 'read:profile', 'read:workout', 'read:sleep', 'read:cycles', 'read:recovery'],
    scopeSeparator: ' ',
    pkce: 'none',
    clientAuth: 'body',
    refresh: 'rotating',
    accessTokenLifetimeSeconds: 3600,
  },
  capabilities: {
    readable: ['workout', 'sleep', 'daily_activity'],
    writable: [],
    push: 'webhook',
    backfillWindowDays: null,
  },
  rateLimits: [
    // Window alignment is not documented; rolling is the cautious reading.
    { scope: 'app', name: 'app-minute', limit: 100, windowSeconds: 60, window: 'rolling', appliesTo: 'all' },
    {
      scope: 'app',
      name: 'app-day',
      limit: 10_000,
      windowSeconds: 86_400,
      window: 'rolling',
      appliesTo: 'all',
    },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
};
