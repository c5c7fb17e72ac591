import type { FastifyReply } from 'fastify';

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * The general Google API error body. The reference marks it [U] for the Google Health API in
 * particular ("reasonable but unconfirmed"); it is the shape every other Google API uses.
 */
export function googleErrorBody(
  code: number,
  message: string,
): { error: { code: number; message: string; status: string } } {
  return { error: { code, message, status: STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN') } };
}

export function sendGoogleError(reply: FastifyReply, code: number, message: string): FastifyReply {
  return reply.code(code).type('application/json').send(googleErrorBody(code, message));
}

export const QUOTA_MESSAGE =
  "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user' of service 'health.googleapis.com'.";
