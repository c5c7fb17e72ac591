import type { FastifyReply, FastifyRequest } from 'fastify';
import { verifyAccessToken } from '../auth/access-token.js';
import { UnauthenticatedError } from '../auth/auth-errors.js';

// A WeakMap instead of decorating FastifyRequest keeps the user id off the request object that
// gets logged and needs no global type augmentation.
const userIds = new WeakMap<FastifyRequest, string>();

/** An onRequest hook: runs before the body is parsed, so an anonymous caller learns nothing. */
export function bearerAuthHook(jwtSecret: Uint8Array) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header.trim());
    if (match?.[1] === undefined) throw new UnauthenticatedError();
    const { userId } = await verifyAccessToken(match[1], jwtSecret);
    userIds.set(request, userId);
  };
}

/** The authenticated caller; only valid inside routes registered behind `bearerAuthHook`. */
export function callerId(request: FastifyRequest): string {
  const userId = userIds.get(request);
  if (userId === undefined) throw new UnauthenticatedError();
  return userId;
}
