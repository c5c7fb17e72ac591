import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api-test-harness.js';

let h: ApiHarness;
const ORIGIN = 'https://sync.test';
const password = 'a very long password';

beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h.close();
});

interface CookieJar {
  refresh: string;
  csrf: string;
}

async function signUp(email: string): Promise<void> {
  const res = await h.app.inject({ method: 'POST', url: '/v1/users', payload: { email, password } });
  expect(res.statusCode).toBe(201);
}

async function logIn(
  email: string,
): Promise<{ jar: CookieJar; setCookie: string[]; body: Record<string, unknown> }> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/v1/sessions/cookie',
    headers: { origin: ORIGIN },
    payload: { email, password },
  });
  expect(res.statusCode).toBe(200);
  return {
    jar: jarOf(res.cookies),
    setCookie: [res.headers['set-cookie']].flat() as string[],
    body: res.json(),
  };
}

function jarOf(cookies: readonly { name: string; value: string }[]): CookieJar {
  const value = (name: string) => cookies.find((c) => c.name === name)?.value ?? '';
  return { refresh: value('sw_refresh'), csrf: value('sw_csrf') };
}

const refresh = (jar: CookieJar, headers: Record<string, string> = { 'x-csrf-token': jar.csrf }) =>
  h.app.inject({
    method: 'POST',
    url: '/v1/sessions/cookie/refresh',
    headers: { origin: ORIGIN, ...headers },
    cookies: { sw_refresh: jar.refresh, sw_csrf: jar.csrf },
  });

describe('cookie sessions for the web app', () => {
  it('logs in with the refresh token in an httpOnly SameSite=Strict cookie, never in the body', async () => {
    await signUp('cookie-a@example.org');
    const { jar, setCookie, body } = await logIn('cookie-a@example.org');
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn']);
    const refreshCookie = setCookie.find((c) => c.startsWith('sw_refresh='));
    expect(refreshCookie).toMatch(/HttpOnly/);
    expect(refreshCookie).toMatch(/SameSite=Strict/);
    expect(refreshCookie).toMatch(/Path=\/v1\/sessions\/cookie/);
    expect(refreshCookie).toMatch(/Secure/); // PUBLIC_URL is https here
    const csrfCookie = setCookie.find((c) => c.startsWith('sw_csrf='));
    expect(csrfCookie).not.toMatch(/HttpOnly/);
    expect(jar.csrf).not.toBe('');
    // The access token works on the JSON API.
    const me = await h.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization: `Bearer ${String(body.accessToken)}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('refreshes only with the CSRF token that matches the cookie, and rotates both', async () => {
    await signUp('cookie-b@example.org');
    const { jar } = await logIn('cookie-b@example.org');
    expect((await refresh(jar, {})).statusCode).toBe(403);
    expect((await refresh(jar, { 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    // A CSRF token from another session does not fit this refresh token either.
    await signUp('cookie-c@example.org');
    const other = await logIn('cookie-c@example.org');
    expect((await refresh(jar, { 'x-csrf-token': other.jar.csrf })).statusCode).toBe(403);

    const rotated = await refresh(jar);
    expect(rotated.statusCode).toBe(200);
    const next = jarOf(rotated.cookies);
    expect(next.refresh).not.toBe(jar.refresh);
    expect(next.csrf).not.toBe(jar.csrf);
    expect(rotated.json<{ accessToken: string }>().accessToken).toEqual(expect.any(String));
    // The old pair is spent: presenting it again is reuse, refused (and the cookies cleared).
    const reused = await refresh(jar);
    expect(reused.statusCode).toBe(401);
    expect(reused.cookies.find((c) => c.name === 'sw_refresh')?.value).toBe('');
  });

  it('refuses another site, and any body that is not JSON, before looking at credentials', async () => {
    await signUp('cookie-d@example.org');
    const crossSite = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/cookie',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'cookie-d@example.org', password },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ code: 'SW_FORBIDDEN', details: { reason: 'csrf_origin' } });
    expect(crossSite.headers['set-cookie']).toBeUndefined();
    const form = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/cookie',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=cookie-d%40example.org&password=${encodeURIComponent(password)}`,
    });
    expect(form.statusCode).toBe(403);
    expect(form.json()).toMatchObject({ details: { reason: 'csrf_content_type' } });
    const { jar } = await logIn('cookie-d@example.org');
    expect(
      (await refresh(jar, { 'x-csrf-token': jar.csrf, origin: 'https://evil.example' })).statusCode,
    ).toBe(403);
  });

  it('answers a wrong password like /v1/sessions, without setting cookies', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/cookie',
      payload: { email: 'cookie-a@example.org', password: 'not the password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SW_INVALID_CREDENTIALS' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('logs out: needs the CSRF token, revokes the session and clears the cookies', async () => {
    await signUp('cookie-e@example.org');
    const { jar } = await logIn('cookie-e@example.org');
    const cookies = { sw_refresh: jar.refresh, sw_csrf: jar.csrf };
    const forged = await h.app.inject({ method: 'DELETE', url: '/v1/sessions/cookie', cookies });
    expect(forged.statusCode).toBe(403);
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/v1/sessions/cookie',
      headers: { 'x-csrf-token': jar.csrf },
      cookies,
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.map((c) => [c.name, c.value])).toEqual([
      ['sw_refresh', ''],
      ['sw_csrf', ''],
    ]);
    expect((await refresh(jar)).statusCode).toBe(401);
    // Without a cookie there is nothing to revoke: still 204, so the app can always log out.
    expect((await h.app.inject({ method: 'DELETE', url: '/v1/sessions/cookie' })).statusCode).toBe(204);
  });

  it('log-out ends the access token the cookie session issued, at once', async () => {
    await signUp('cookie-f@example.org');
    const { jar, body } = await logIn('cookie-f@example.org');
    const auth = { authorization: `Bearer ${String(body.accessToken)}` };
    expect((await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: auth })).statusCode).toBe(200);
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/v1/sessions/cookie',
      headers: { 'x-csrf-token': jar.csrf },
      cookies: { sw_refresh: jar.refresh, sw_csrf: jar.csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'SW_UNAUTHENTICATED' });
  });
});
