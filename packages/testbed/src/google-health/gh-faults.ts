import type { FastifyRequest } from 'fastify';
import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { QUOTA_MESSAGE, googleErrorBody } from './gh-error-body.js';
import { GOOGLE_REVOKE_PATH, GOOGLE_TOKEN_PATH } from './gh-oauth-routes.js';
import { isFitbitLegacyPath } from './fitbit-legacy-routes.js';

/**
 * Google's side of the shared fault model: the Google error body, a 429 RESOURCE_EXHAUSTED with
 * no rate-limit headers (none are documented), and the token endpoint's `invalid_grant`. List
 * corruption is applied by the list route itself, because Google wraps items in `dataPoints`
 * and the shared hook corrupts bare JSON arrays only.
 */
export function googleHealthFaultAdapter(): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      path.startsWith('/v4/') || isFitbitLegacyPath(path)
        ? 'api'
        : path === GOOGLE_TOKEN_PATH || path === GOOGLE_REVOKE_PATH
          ? 'token'
          : null,
    errorReply: (status) => ({ status, body: googleErrorBody(status, 'Simulated failure') }),
    rateLimitReply: () => ({ status: 429, body: googleErrorBody(429, QUOTA_MESSAGE) }),
    invalidGrantReply: () => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    }),
    isRefresh: (request: FastifyRequest) =>
      (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
  };
}
