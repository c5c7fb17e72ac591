import { randomUUID } from 'node:crypto';
import { systemClock } from '@syncwell/core';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from './auth-errors.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'syncwell';
const AUDIENCE = 'syncwell-api';
const ALGORITHM = 'HS256';

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** What a valid access token says: whose it is, and the session (refresh session id) it belongs to. */
export interface AccessClaims {
  readonly userId: string;
  readonly sessionId: string;
}

/**
 * Short-lived HS256 JWT whose `sub` is the user id and `sid` the refresh session it was issued
 * with. The signature alone proves neither that the session is still live nor that the user
 * still exists: `SessionGate` checks `sid` on every request, so logout, password change and
 * account deletion end the token at once. The secret comes from the caller (derived from the
 * master key), so restarting with the same key keeps sessions valid.
 *
 * @example
 *   const { accessToken } = await issueAccessToken(user.id, session.id, jwtSecret);
 *   const { userId, sessionId } = await verifyAccessToken(accessToken, jwtSecret);
 */
export async function issueAccessToken(
  userId: string,
  sessionId: string,
  secret: Uint8Array,
  now = systemClock.now(),
): Promise<IssuedAccessToken> {
  assertSecret(secret);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const accessToken = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    // A token of its own per issue, even within one second: a refresh always yields a new token.
    .setJti(randomUUID())
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(secret);
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/** Throws UnauthenticatedError for anything but a valid, unexpired token of ours. */
export async function verifyAccessToken(
  token: string,
  secret: Uint8Array,
  now = systemClock.now(),
): Promise<AccessClaims> {
  assertSecret(secret);
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'sid'],
    });
    const sessionId = payload['sid'];
    if (payload.sub === undefined || payload.sub === '') throw new UnauthenticatedError();
    if (typeof sessionId !== 'string' || sessionId === '') throw new UnauthenticatedError();
    return { userId: payload.sub, sessionId };
  } catch (error) {
    if (error instanceof UnauthenticatedError || error instanceof joseErrors.JOSEError) {
      throw new UnauthenticatedError();
    }
    throw error;
  }
}

// HS256 with a short secret is brute-forceable offline from any token a user holds.
function assertSecret(secret: Uint8Array): void {
  if (secret.length < 32) throw new RangeError('The JWT secret must be at least 32 bytes');
}
