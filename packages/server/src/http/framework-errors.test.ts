import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '@syncwell/core';
import { apiErrorBody } from './api-error-body.js';
import { createApiHarness, signUpAndLogIn, type ApiHarness, type SignedInUser } from './api-test-harness.js';

/** A value no catalogued message contains: if a body holds it, the input was echoed. */
const MARK = 'zq9echo';

let h: ApiHarness;
let user: SignedInUser;
beforeAll(async () => {
  h = await createApiHarness();
  user = await signUpAndLogIn(h.app, 'framework-errors@example.org');
});
afterAll(async () => {
  await h.close();
});

/** The response is `{code, message, details}` with a catalogued code, and holds none of the input. */
function expectCatalogued(res: { statusCode: number; body: string }, code: string, status: number): void {
  expect(res.statusCode).toBe(status);
  const body = apiErrorBody.parse(JSON.parse(res.body));
  expect(body.code).toBe(code);
  expect(isErrorCode(body.code)).toBe(true);
  expect(res.body).not.toContain(MARK);
}

const json = { 'content-type': 'application/json' };

describe('errors outside the routes speak the catalogue and echo nothing', () => {
  it('a 10,000-character path parameter is 414 SW_URI_TOO_LONG', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/rules/${MARK}${'a'.repeat(10_000)}` });
    expectCatalogued(res, 'SW_URI_TOO_LONG', 414);
  });

  it('a 10 MB body is 413 SW_BODY_TOO_LARGE, not a validation failure', async () => {
    const payload = JSON.stringify({ email: `${MARK}@example.org`, password: MARK.repeat(1_200_000) });
    const res = await h.app.inject({ method: 'POST', url: '/v1/users', headers: json, payload });
    expectCatalogued(res, 'SW_BODY_TOO_LARGE', 413);
  });

  it('an unknown route is 404 SW_NOT_FOUND', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/${MARK}<script>?q=${MARK}` });
    expectCatalogued(res, 'SW_NOT_FOUND', 404);
  });

  it('an unsupported method is 405 SW_METHOD_NOT_ALLOWED with Allow', async () => {
    const put = await h.app.inject({ method: 'PUT', url: '/v1/rules', headers: user.auth });
    expectCatalogued(put, 'SW_METHOD_NOT_ALLOWED', 405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    const id = '7d3c2d7e-6a6f-4c55-9a57-4b8e1f0a3c11';
    const post = await h.app.inject({ method: 'POST', url: `/v1/rules/${id}`, headers: user.auth });
    expectCatalogued(post, 'SW_METHOD_NOT_ALLOWED', 405);
    expect(post.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
  });

  it('an undecodable URL is 400 SW_BAD_REQUEST', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/rules/${MARK}%E0%A4%A` });
    expectCatalogued(res, 'SW_BAD_REQUEST', 400);
  });

  it('malformed JSON is 400 SW_MALFORMED_JSON', async () => {
    for (const payload of [`{"email":"${MARK}`, '', MARK]) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/sessions', headers: json, payload });
      expectCatalogued(res, 'SW_MALFORMED_JSON', 400);
    }
  });

  it('valid JSON with a __proto__ or constructor.prototype key is a validation error', async () => {
    const payloads = [
      `{"email":"a@example.org","password":"a very long password","__proto__":{"${MARK}":1}}`,
      `{"email":"a@example.org","password":"a very long password","nested":{"__proto__":{}}}`,
      `{"email":"a@example.org","password":"a very long password","constructor":{"prototype":{"${MARK}":1}}}`,
    ];
    for (const payload of payloads) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/users', headers: json, payload });
      expectCatalogued(res, 'SW_VALIDATION_FAILED', 400);
      expect(res.json()).toMatchObject({ details: { issues: [{ path: 'body' }] } });
    }
    expect(await h.store.findUserByEmail('a@example.org')).toBeNull();
    expect(({} as Record<string, unknown>)[MARK]).toBeUndefined();
  });

  it('an unknown body key is a validation failure that does not name the key', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      payload: { email: 'b@example.org', password: 'a very long password', [MARK]: 1 },
    });
    expectCatalogued(res, 'SW_VALIDATION_FAILED', 400);
    expect(res.json()).toMatchObject({
      details: { issues: [{ path: 'body', message: 'has keys this route does not accept' }] },
    });
  });

  it('an unsupported media type is 415 SW_UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['application/xml', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': type },
        payload: MARK,
      });
      expectCatalogued(res, 'SW_UNSUPPORTED_MEDIA_TYPE', 415);
    }
  });

  it('headers over the HTTP parser limit are 431 SW_HEADERS_TOO_LARGE on a real socket', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    const res = await new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/v1/rules', headers: { 'x-filler': MARK.repeat(4_000) } },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expectCatalogued(res, 'SW_HEADERS_TOO_LARGE', 431);
  });
});

describe('login CSRF: JSON routes take JSON only', () => {
  it.each(['/v1/users', '/v1/sessions', '/v1/sessions/refresh'])(
    'POST %s with a form-encoded body is 415 and changes nothing',
    async (url) => {
      const res = await h.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${MARK}%40example.org&password=a+very+long+password&refreshToken=${MARK}`,
      });
      expectCatalogued(res, 'SW_UNSUPPORTED_MEDIA_TYPE', 415);
      expect(await h.store.findUserByEmail(`${MARK}@example.org`)).toBeNull();
    },
  );

  it('POST /v1/rules with a form-encoded body is 415', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/rules',
      headers: { ...user.auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `dataTypes=workout&x=${MARK}`,
    });
    expectCatalogued(res, 'SW_UNSUPPORTED_MEDIA_TYPE', 415);
  });
});
