import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { requestFields } from './request-fields.js';
import { faults } from './strava-fault.js';
import type { StravaRateLimiter } from './strava-rate-limiter.js';

const TOKEN_PATHS = new Set(['/oauth/token', '/api/v3/oauth/token']);

/**
 * Strava's side of the shared fault model: its `Fault` bodies, the four rate-limit headers with
 * the 15-minute usage at the limit (Strava sends no Retry-After: clients wait for the next
 * quarter hour), and the `RefreshToken … invalid` refusal of its token endpoint.
 */
export function stravaFaultAdapter(limiter: StravaRateLimiter): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      TOKEN_PATHS.has(path) ? 'token' : path.startsWith('/api/v3/') ? 'api' : null,
    errorReply: (status) => ({
      status,
      body: status === 429 ? faults.rateLimitExceeded() : faults.injected(status),
    }),
    rateLimitReply: () => {
      const { overall, read } = limiter.limits;
      const usage = limiter.usage();
      return {
        status: 429,
        headers: {
          'x-ratelimit-limit': `${overall.fifteenMinute},${overall.daily}`,
          'x-ratelimit-usage': `${overall.fifteenMinute},${Math.max(usage.overall.daily, overall.fifteenMinute)}`,
          'x-readratelimit-limit': `${read.fifteenMinute},${read.daily}`,
          'x-readratelimit-usage': `${read.fifteenMinute},${Math.max(usage.read.daily, read.fifteenMinute)}`,
        },
        body: faults.rateLimitExceeded(),
      };
    },
    invalidGrantReply: () => ({ status: 400, body: faults.invalidRefreshToken() }),
    isRefresh: (request) => requestFields(request).grant_type === 'refresh_token',
    items: {
      matches: (path) => path === '/api/v3/athlete/activities',
      keyOf: (item) => String(item.id),
      // Keeps `id` (so the client can name the record) and breaks two required summary fields.
      corrupt: (item) => ({ ...item, start_date: 'yesterday', elapsed_time: 'forty minutes' }),
    },
  };
}
