import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';

/** The refresh token, httpOnly: scripts (and so an XSS) cannot read it. Sent only to its own routes. */
export const REFRESH_COOKIE = 'sw_refresh';
/** The CSRF token, readable by this origin's scripts, which echo it in `x-csrf-token`. */
export const CSRF_COOKIE = 'sw_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const COOKIE_SESSION_PATH = '/v1/sessions/cookie';

const REFRESH_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The CSRF token is an HMAC of the refresh token ("signed double submit", OWASP): it cannot be
 * made without the refresh token, so a sibling site that plants cookies cannot forge a pair, and
 * it changes whenever the refresh token rotates.
 */
export function csrfTokenFor(refreshToken: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(`syncwell-csrf:${refreshToken}`).digest('base64url');
}

export function csrfMatches(refreshToken: string, presented: string | undefined, key: Uint8Array): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(refreshToken, key));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Secure only where the app is served over https (a local http://127.0.0.1 start would lose them). */
export function cookieOptions(publicUrl: string): {
  refresh: CookieSerializeOptions;
  csrf: CookieSerializeOptions;
} {
  const secure = publicUrl.startsWith('https:');
  const common = { sameSite: 'strict' as const, secure, maxAge: REFRESH_MAX_AGE_SECONDS };
  return {
    refresh: { ...common, httpOnly: true, path: COOKIE_SESSION_PATH },
    csrf: { ...common, httpOnly: false, path: '/' },
  };
}
