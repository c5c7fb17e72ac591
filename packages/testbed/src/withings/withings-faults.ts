import type { FastifyRequest } from 'fastify';
import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { WITHINGS_STATUS, errorBody } from './withings-envelope.js';
import { WITHINGS_TOKEN_PATH } from './withings-oauth-routes.js';

const API_PATHS = new Set(['/measure', '/v2/measure', '/v2/sleep', '/notify']);

/**
 * Withings' side of the shared fault model. Application errors keep HTTP 200 and move into the
 * body `status` (401 → 401, 403 → 214, 429 → 601, 504 → 522 "timeout", other 4xx → 503 "invalid
 * params"); a 5xx other than 504 is an edge failure in front of the API, so it stays a real HTTP
 * 5xx with no envelope. A refused refresh is 503 "Invalid Params" [S].
 */
export function withingsFaultAdapter(): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      path === WITHINGS_TOKEN_PATH ? 'token' : API_PATHS.has(path) ? 'api' : null,
    errorReply: (status) => {
      if (status === 401)
        return { status: 200, body: errorBody(WITHINGS_STATUS.invalidToken, 'invalid_token') };
      if (status === 403)
        return { status: 200, body: errorBody(WITHINGS_STATUS.unauthorized, 'Unauthorized') };
      if (status === 429)
        return { status: 200, body: errorBody(WITHINGS_STATUS.tooManyRequests, 'Too many requests') };
      if (status === 504) return { status: 200, body: errorBody(WITHINGS_STATUS.timeout, 'Timeout') };
      if (status >= 500) return { status, body: `${status} Service Unavailable` };
      return { status: 200, body: errorBody(WITHINGS_STATUS.invalidParams, 'Invalid Params') };
    },
    rateLimitReply: () => ({
      status: 200,
      body: errorBody(WITHINGS_STATUS.tooManyRequests, 'Too many requests'),
    }),
    invalidGrantReply: () => ({
      status: 200,
      body: errorBody(WITHINGS_STATUS.invalidParams, 'Invalid Params: invalid refresh_token'),
    }),
    isRefresh: (request: FastifyRequest) =>
      (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
  };
}
