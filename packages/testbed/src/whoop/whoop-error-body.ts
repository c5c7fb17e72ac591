import type { FastifyReply } from 'fastify';

/**
 * WHOOP does not document its API error body [U]; this generic shape is the simulator's default
 * and tests can replace it (`errorBody` option), so no client may depend on it.
 */
export type WhoopErrorBodyFn = (status: number, message: string) => unknown;

export const defaultWhoopErrorBody: WhoopErrorBodyFn = (status, message) => ({ status, message });

/** The OAuth server (Ory Hydra behind `/oauth/oauth2/...`) answers RFC 6749 error bodies. */
export function oauthError(error: string, description: string): Record<string, string> {
  return { error, error_description: description };
}

export function sendWhoopError(
  reply: FastifyReply,
  body: WhoopErrorBodyFn,
  status: number,
  message: string,
): FastifyReply {
  return reply.code(status).type('application/json').send(body(status, message));
}
