import { systemClock } from '@syncwell/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { verifyAccessToken } from '../auth/access-token.js';
import { UnauthenticatedError } from '../auth/auth-errors.js';
import type { SessionGate } from '../auth/session-gate.js';
import type { ApiRateLimits } from './api-rate-limits.js';

// A WeakMap instead of decorating FastifyRequest keeps the user id off the request object that
// gets logged and needs no global type augmentation.
const userIds = new WeakMap<FastifyRequest, string>();
const sessionIds = new WeakMap<FastifyRequest, string>();

/**
 * An onRequest hook: runs before the body is parsed, so an anonymous caller learns nothing.
 * A well-signed token whose session was revoked (logout, password change) or whose user was
 * deleted is refused like a forged one. The user's request budget is charged here, where the
 * user is first known.
 */
export function bearerAuthHook(
  jwtSecret: Uint8Array,
  gate: SessionGate,
  limits: ApiRateLimits | null,
  now: () => Date = systemClock.now,
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header.trim());
    if (match?.[1] === undefined) throw new UnauthenticatedError();
    const { userId, sessionId } = await verifyAccessToken(match[1], jwtSecret, now());
    if (!(await gate.isLive(sessionId, userId))) throw new UnauthenticatedError();
    await limits?.limitUser(request, userId);
    userIds.set(request, userId);
    sessionIds.set(request, sessionId);
  };
}

/** The session the caller's access token belongs to; only behind `bearerAuthHook`. */
export function callerSessionId(request: FastifyRequest): string {
  const sessionId = sessionIds.get(request);
  if (sessionId === undefined) throw new UnauthenticatedError();
  return sessionId;
}

/** The authenticated caller; only valid inside routes registered behind `bearerAuthHook`. */
export function callerId(request: FastifyRequest): string {
  const userId = userIds.get(request);
  if (userId === undefined) throw new UnauthenticatedError();
  return userId;
}
