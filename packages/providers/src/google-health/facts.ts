import type { ProviderFacts } from '@syncwell/core';

/**
 * Google Health API (Fitbit's successor) as documented on 2026-11-25
 * (/work/shared/providers/google-health-and-fitbit.md, Part A and "Google OAuth 2.0").
 *
 * - Google OAuth 2.0 with PKCE; a refresh token only with `access_type=offline` (+ `prompt=consent`).
 *   Access tokens last 3600 s; refresh tokens are long-lived and not rotated; a refused one is
 *   400 `invalid_grant`.
 * - 300 requests/min per user, 120,000/min and 86.4 M/day per project, then 429. No rate-limit
 *   header is documented [U], so budgets run on these facts alone.
 * - Only read endpoints are documented (`dataPoints`, `:rollUp`, `:reconcile`, `identity`): no writes.
 * - Scopes are the two the doc names; both are "restricted" (Google's security review).
 */
export const googleHealthFacts: ProviderFacts = {
  id: 'google_health',
  displayName: 'Google Health (Fitbit)',
  defaultBaseUrls: {
    api: 'https://health.googleapis.com',
    authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
    token: 'https://oauth2.googleapis.com/token',
  },
  auth: {
    kind: 'oauth2',
    scopes: [
      'https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly',
      'https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly',
    ],
    scopeSeparator: ' ',
    pkce: 'S256',
    clientAuth: 'body',
    refresh: 'reusable',
    accessTokenLifetimeSeconds: 3600,
    // Without these Google issues no refresh token, and the connection dies after an hour.
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
  },
  capabilities: {
    readable: ['workout', 'daily_activity', 'sleep', 'body_measurement', 'heart_rate'],
    writable: [],
    push: 'webhook',
    // No global look-back limit is documented for the Google Health API.
    backfillWindowDays: null,
  },
  rateLimits: [
    {
      scope: 'user',
      name: 'user-minute',
      limit: 300,
      windowSeconds: 60,
      window: 'rolling',
      appliesTo: 'all',
    },
    {
      scope: 'app',
      name: 'project-minute',
      limit: 120_000,
      windowSeconds: 60,
      window: 'rolling',
      appliesTo: 'all',
    },
    {
      scope: 'app',
      name: 'project-day',
      limit: 86_400_000,
      windowSeconds: 86_400,
      window: 'rolling',
      appliesTo: 'all',
    },
  ],
  terms: { ownerOnly: false, excludeFromTraining: false },
};

/** Google's revoke endpoint sits beside the token endpoint (`oauth2.googleapis.com/revoke`). */
export function googleRevokeUrl(tokenUrl: string): string {
  return new URL('revoke', new URL('.', tokenUrl)).toString();
}
