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

/**
 * Short-lived HS256 JWT whose `sub` is the user id. The secret comes from the caller (the
 * server derives it from the master key), so restarting with the same key keeps sessions valid.
 *
 * @example
 *   const { accessToken } = await issueAccessToken(user.id, jwtSecret);
 *   const { userId } = await verifyAccessToken(accessToken, jwtSecret);
 */
export async function issueAccessToken(
  userId: string,
  secret: Uint8Array,
  now = systemClock.now(),
): Promise<IssuedAccessToken> {
  assertSecret(secret);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const accessToken = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(secret);
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/** Throws UnauthenticatedError for anything but a valid, unexpired token of ours. */
export async function verifyAccessToken(
  token: string,
  secret: Uint8Array,
  now = systemClock.now(),
): Promise<{ userId: string }> {
  assertSecret(secret);
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    });
    if (payload.sub === undefined || payload.sub === '') throw new UnauthenticatedError();
    return { userId: payload.sub };
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
