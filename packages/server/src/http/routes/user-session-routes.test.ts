import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, signUpAndLogIn, type ApiHarness } from '../api-test-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('users and sessions', () => {
  it('signs up (201, no password hash in the body) and refuses a taken email case-insensitively', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      payload: { email: 'Ada@Example.org', password: 'a very long password' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: Record<string, unknown> }>();
    expect(Object.keys(body.user).sort()).toEqual(['createdAt', 'email', 'id']);
    expect(body.user.email).toBe('ada@example.org');
    const again = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      payload: { email: 'ADA@example.org', password: 'another long one' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SW_EMAIL_TAKEN', details: {} });
  });

  it.each([
    ['short password', { email: 'b@example.org', password: 'short' }, 'body.password'],
    ['bad email', { email: 'not-an-email', password: 'a very long password' }, 'body.email'],
    ['wrong type', { email: 'b@example.org', password: 1234567890123 }, 'body.password'],
    ['unknown field', { email: 'b@example.org', password: 'a very long password', admin: true }, 'body'],
  ])(
    'rejects %s with 400 SW_VALIDATION_FAILED naming the path, not the value',
    async (_name, payload, path) => {
      const res = await h.app.inject({ method: 'POST', url: '/v1/users', payload });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ code: string; details: { issues: { path: string }[] } }>();
      expect(body.code).toBe('SW_VALIDATION_FAILED');
      expect(body.details.issues.map((issue) => issue.path)).toContain(path);
      expect(res.body).not.toContain('1234567890123');
      expect(await h.store.findUserByEmail('b@example.org')).toBeNull();
    },
  );

  it('answers malformed JSON with SW_MALFORMED_JSON and a foreign content type with 415', async () => {
    const malformed = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({ code: 'SW_MALFORMED_JSON', message: expect.any(String), details: {} });
    const xml = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'SW_UNSUPPORTED_MEDIA_TYPE' });
    const text = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
  });

  it('answers unknown routes with 404 SW_NOT_FOUND', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'SW_NOT_FOUND', details: {} });
  });

  it('requires a valid bearer token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer nonsense' },
      { authorization: 'Basic abc' },
      { authorization: 'Bearer a.b.c' },
    ]) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'SW_UNAUTHENTICATED' });
    }
  });

  it('checks the token before parsing the body', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/rules',
      headers: { 'content-type': 'application/json' },
      payload: '{oops',
    });
    expect(res.statusCode).toBe(401);
  });

  it('logs in, reads me, rotates the refresh token and logs out', async () => {
    const user = await signUpAndLogIn(h.app, 'carol@example.org');
    const me = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: user.auth });
    expect(me.json()).toMatchObject({ user: { id: user.userId, email: 'carol@example.org' } });

    const wrong = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'carol@example.org', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'SW_INVALID_CREDENTIALS' });

    const refreshed = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json<{ accessToken: string; refreshToken: string; expiresIn: number }>();
    expect(next.expiresIn).toBe(900);
    expect(next.refreshToken).not.toBe(user.refreshToken);
    const reused = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(reused.statusCode).toBe(401);

    const second = await signUpAndLogIn(h.app, 'dave@example.org');
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/v1/sessions',
      payload: { refreshToken: second.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/refresh',
      payload: { refreshToken: second.refreshToken },
    });
    expect(after.statusCode).toBe(401);
  });

  it('deletes the account: the token stops working and the email is free again', async () => {
    const user = await signUpAndLogIn(h.app, 'erin@example.org');
    const res = await h.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: user.auth });
    expect(res.statusCode).toBe(204);
    expect(await h.store.getUser(user.userId)).toBeNull();
    expect((await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: user.auth })).statusCode).toBe(
      401,
    );
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: '/v1/users',
          payload: { email: 'erin@example.org', password: 'a very long password' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('log-out ends the access token issued with that session; other sessions keep working', async () => {
    const here = await signUpAndLogIn(h.app, 'gina@example.org');
    const there = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'gina@example.org', password: 'a very long password' },
    });
    const thereAuth = { authorization: `Bearer ${there.json<{ accessToken: string }>().accessToken}` };
    const me = (auth: Record<string, string>) =>
      h.app.inject({ method: 'GET', url: '/v1/users/me', headers: auth });
    expect((await me(here.auth)).statusCode).toBe(200);
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/v1/sessions',
      payload: { refreshToken: here.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(here.auth)).json()).toMatchObject({ code: 'SW_UNAUTHENTICATED' });
    expect((await me(thereAuth)).statusCode).toBe(200);
  });

  it("a deleted account's token gets 401 on every route, never 500", async () => {
    const user = await signUpAndLogIn(h.app, 'hank@example.org');
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: user.auth })).statusCode,
    ).toBe(204);
    for (const [method, url, payload] of [
      ['POST', '/v1/connections', { provider: 'strava' }],
      ['GET', '/v1/rules', undefined],
      ['DELETE', '/v1/users/me', undefined],
    ] as const) {
      const res = await h.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });
      expect([url, res.statusCode, res.json<{ code: string }>().code]).toEqual([
        url,
        401,
        'SW_UNAUTHENTICATED',
      ]);
    }
  });

  it('changes the password: checks the current one, keeps this session, ends the others', async () => {
    const here = await signUpAndLogIn(h.app, 'iris@example.org');
    const other = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'iris@example.org', password: 'a very long password' },
    });
    const tokens = other.json<{ accessToken: string; refreshToken: string }>();
    const otherAuth = { authorization: `Bearer ${tokens.accessToken}` };
    const change = (currentPassword: string, auth = here.auth) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/users/me/password',
        headers: auth,
        payload: { currentPassword, newPassword: 'a brand new long password' },
      });
    const wrong = await change('not it');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'SW_INVALID_CREDENTIALS' });
    expect((await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: otherAuth })).statusCode).toBe(
      200,
    );

    expect((await change('a very long password')).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: here.auth })).statusCode).toBe(
      200,
    );
    expect((await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: otherAuth })).statusCode).toBe(
      401,
    );
    const refreshOther = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(refreshOther.statusCode).toBe(401);
    const login = (password: string) =>
      h.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'iris@example.org', password } });
    expect((await login('a very long password')).statusCode).toBe(401);
    expect((await login('a brand new long password')).statusCode).toBe(200);
  });

  it('never writes passwords, emails or tokens to the log', async () => {
    const user = await signUpAndLogIn(h.app, 'frank@example.org', 'frank-secret-password');
    await h.app.inject({ method: 'GET', url: '/v1/users/me?x=1', headers: user.auth });
    const logs = h.logLines.join('\n');
    expect(logs).toContain('request completed');
    for (const secret of [
      'frank-secret-password',
      'frank@example.org',
      user.accessToken,
      user.refreshToken,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
