import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { InvalidCredentialsError } from '../auth/auth-errors.js';
import { LOGIN_THROTTLE, type ThrottleKey } from '../auth/login-throttle.js';
import type { RouteContext } from './app-deps.js';

/**
 * The throttle keys of one password check: the account (an HMAC of the email or user id, so
 * Redis holds no address book) and the client address.
 */
export function passwordCheckKeys(
  ctx: RouteContext,
  request: FastifyRequest,
  account: string,
): ThrottleKey[] {
  const accountId = createHmac('sha256', ctx.jwtSecret)
    .update(`login-throttle:${account.trim().toLowerCase()}`)
    .digest('base64url');
  return [
    { key: `account:${accountId}`, policy: LOGIN_THROTTLE.account },
    { key: `client:${request.ip}`, policy: LOGIN_THROTTLE.client },
  ];
}

/**
 * Runs one password check under the login throttle: refused up front while a key waits out its
 * backoff, counted when the password is wrong, and the account's streak cleared when it is right.
 *
 * @example
 *   const tokens = await throttledPasswordCheck(ctx, request, email, () => ctx.sessions.login(email, password));
 */
export async function throttledPasswordCheck<T>(
  ctx: RouteContext,
  request: FastifyRequest,
  account: string,
  check: () => Promise<T>,
): Promise<T> {
  const keys = passwordCheckKeys(ctx, request, account);
  await ctx.loginThrottle.assertOpen(keys);
  try {
    const result = await check();
    await ctx.loginThrottle.succeeded(keys);
    return result;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) await ctx.loginThrottle.failed(keys);
    throw error;
  }
}
