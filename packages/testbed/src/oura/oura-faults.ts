import type { FastifyRequest } from 'fastify';
import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { ouraErrorBody } from './oura-error-body.js';
import { OURA_REVOKE_PATH, OURA_TOKEN_PATH } from './oura-oauth-routes.js';
import type { OuraState } from './oura-state.js';

/**
 * Oura's side of the shared fault model: FastAPI `{"detail"}` bodies, the per-token 429 with its
 * headers, and the token endpoint's `invalid_grant`. List items are corrupted inside the
 * collection route, because Oura wraps lists in `{"data": [...]}` and the shared hook only
 * rewrites top-level arrays.
 */
export function ouraFaultAdapter(state: OuraState): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      path.startsWith('/v2/usercollection') || path.startsWith('/v2/sandbox/')
        ? 'api'
        : path === OURA_TOKEN_PATH || path === OURA_REVOKE_PATH
          ? 'token'
          : null,
    errorReply: (status) => ({
      status,
      body: ouraErrorBody(status >= 500 ? 'Internal Server Error' : 'Simulated failure'),
    }),
    rateLimitReply: () => ({
      status: 429,
      headers: state.limiter.exhausted('token'),
      body: ouraErrorBody('Too Many Requests'),
    }),
    invalidGrantReply: () => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid refresh token' },
    }),
    isRefresh: (request: FastifyRequest) =>
      (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
  };
}
