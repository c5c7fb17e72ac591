import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderFaultAdapter } from '../faults/fault-hooks.js';
import { oauthError, type WhoopErrorBodyFn } from './whoop-error-body.js';
import { API_PREFIX } from './whoop-collection-routes.js';
import { WHOOP_TOKEN_PATH } from './whoop-oauth-routes.js';
import type { WhoopState } from './whoop-state.js';

/** WHOOP's side of the shared fault model: its 429 with the documented headers, Hydra's invalid_grant. */
export function whoopFaultAdapter(state: WhoopState, errorBody: WhoopErrorBodyFn): ProviderFaultAdapter {
  return {
    targetOf: (_method, path) =>
      path.startsWith(`${API_PREFIX}/`) ? 'api' : path === WHOOP_TOKEN_PATH ? 'token' : null,
    errorReply: (status) => ({ status, body: errorBody(status, 'Simulated failure') }),
    rateLimitReply: () => ({
      status: 429,
      headers: state.limiter.exhausted(),
      body: errorBody(429, 'Too Many Requests'),
    }),
    invalidGrantReply: () => ({
      status: 400,
      body: oauthError('invalid_grant', 'The refresh token is invalid or revoked'),
    }),
    isRefresh: (request: FastifyRequest) =>
      (request.body as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token',
    // The shared item corruption reads top-level arrays; WHOOP wraps records, see below.
  };
}

/**
 * `malformedPayload` for WHOOP's `{records: [...]}` envelope: the chosen records keep their `id`
 * and `start` (so a client can name them) and lose `timezone_offset` and `score_state`.
 */
export function registerWhoopEnvelopeCorruption(app: FastifyInstance, state: WhoopState): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      reply.statusCode !== 200 ||
      typeof payload !== 'string' ||
      !request.url.startsWith(`${API_PREFIX}/v2/`)
    )
      return payload;
    if (state.faults.plan.malformedPayload === undefined || !payload.startsWith('{"records":'))
      return payload;
    const body = JSON.parse(payload) as { records: Record<string, unknown>[]; next_token: unknown };
    const records = body.records.map((record) =>
      state.faults.corrupts(
        'items',
        `${request.url.split('?')[0] ?? ''}:${String(record.id ?? record.cycle_id)}`,
      )
        ? { ...record, timezone_offset: 42, score_state: 'BROKEN' }
        : record,
    );
    return JSON.stringify({ ...body, records });
  });
}
