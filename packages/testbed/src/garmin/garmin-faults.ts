import type { FastifyRequest } from 'fastify';
import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { garminErrorBody } from './garmin-error-body.js';
import { GARMIN_TOKEN_PATH } from './garmin-oauth-routes.js';
import { genericRateLimitHeaders } from './garmin-rate-limiter.js';
import type { GarminState } from './garmin-state.js';

/**
 * Garmin's side of the shared fault model. The error body and rate-limit headers are unknown
 * [U], so faults answer `{"errorMessage"}` and a 429 with headers only in `genericHeaders` mode.
 */
export function garminFaultAdapter(state: GarminState, genericHeaders: boolean): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      path.startsWith('/wellness-api/') || path.startsWith('/partner-gateway/')
        ? 'api'
        : path === GARMIN_TOKEN_PATH
          ? 'token'
          : null,
    errorReply: (status) => ({ status, body: garminErrorBody('Simulated failure') }),
    rateLimitReply: () => ({
      status: 429,
      headers: genericHeaders
        ? genericRateLimitHeaders({
            allowed: false,
            limit: state.limiter.limit,
            remaining: 0,
            resetSeconds: 60 - (state.nowS() % 60),
          })
        : {},
      body: garminErrorBody('Rate limit exceeded'),
    }),
    invalidGrantReply: () => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid refresh token' },
    }),
    isRefresh: (request: FastifyRequest) =>
      (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
    items: {
      matches: (path) =>
        /^\/wellness-api\/rest\/(activities|dailies|sleeps|bodyComps|hrv|pulseOx)$/.test(path),
      keyOf: (item) => String(item.summaryId),
      // Keeps `summaryId` so a client can name the record, breaks the start time.
      corrupt: (item) => ({ ...item, startTimeInSeconds: 'yesterday', measurementTimeInSeconds: null }),
    },
    files: { matches: (path) => path === '/wellness-api/rest/activityFile' },
  };
}
