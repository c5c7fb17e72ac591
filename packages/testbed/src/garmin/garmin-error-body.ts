import type { FastifyReply } from 'fastify';

/**
 * Garmin's error format is unknown (portal-only docs) [U]. The simulator answers a plain
 * `{"errorMessage": "..."}` so clients can only rely on the status code, as they must.
 */
export function garminErrorBody(message: string): { errorMessage: string } {
  return { errorMessage: message };
}

export function sendGarminError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(garminErrorBody(message));
}

/** OAuth token-endpoint errors use the RFC 6749 shape. */
export function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply.code(status).send({ error, error_description: description });
}
