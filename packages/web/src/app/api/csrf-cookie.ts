/**
 * The CSRF token the server set next to the httpOnly refresh cookie (`sw_csrf`, readable by
 * this origin's scripts only). Sent back in `x-csrf-token`: a cross-site page can make the
 * browser send cookies, but cannot read this one to copy it into a header.
 */
export const CSRF_COOKIE = 'sw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCsrfToken(cookieHeader: string = document.cookie): string | null {
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}
