import type { FastifyRequest } from 'fastify';
import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { polarErrorBody } from './polar-error-body.js';
import { POLAR_TOKEN_PATH } from './polar-oauth-routes.js';
import type { PolarState } from './polar-state.js';

const ERROR_TYPES: Readonly<Record<number, string>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'too_many_requests',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

const FIT_PATH = /^\/v3\/.*\/fit$/;

/**
 * Polar's side of the shared fault model: AccessLink's `Error` body, its quota headers at an
 * exhausted window, and the OAuth `invalid_grant` body of polarremote.com's token endpoint.
 * Polar issues no refresh tokens, so `invalidGrant` only matters to a client that tries anyway.
 */
export function polarFaultAdapter(state: PolarState): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      path.startsWith('/v3/') ? 'api' : path === POLAR_TOKEN_PATH ? 'token' : null,
    errorReply: (status) => ({
      status,
      body: polarErrorBody(
        status,
        ERROR_TYPES[status] ?? (status >= 500 ? 'internal_error' : 'error'),
        'Simulated failure',
      ),
    }),
    rateLimitReply: () => {
      const verdict = state.limiter.exhausted(state.registrations.size);
      return {
        status: 429,
        headers: { ...verdict.headers, 'Retry-After': String(verdict.retryAfterSeconds) },
        body: polarErrorBody(429, 'too_many_requests', 'Rate limit exceeded'),
      };
    },
    invalidGrantReply: () => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid or revoked refresh token' },
    }),
    isRefresh: (request: FastifyRequest) =>
      (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
    items: {
      matches: (path) => path === '/v3/exercises',
      keyOf: (item) => String(item.id),
      // Keeps `id` and `upload_time` (so a client can name the record) and breaks two required fields.
      corrupt: (item) => ({ ...item, start_time: null, duration: 42 }),
    },
    files: { matches: (path) => FIT_PATH.test(path) },
  };
}
