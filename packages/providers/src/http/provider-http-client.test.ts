import {
  ProviderError,
  type ProviderClientConfig,
  type ProviderSession,
  type RateLimitSnapshot,
} from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { bearer, withAuthRetry } from './auth-retry.js';
import { readJson, readJsonAs } from './json-body.js';
import { ProviderHttpClient } from './provider-http-client.js';
import { msUntilAlignedWindowEnd, parseRetryAfterHeader } from './retry-after.js';
import { z } from 'zod';

const baseUrls = { api: 'http://sim.test', authorize: 'http://sim.test/a', token: 'http://sim.test/t' };

function clientWith(fetchImpl: typeof fetch, extra: Partial<ProviderClientConfig> = {}) {
  const snapshots: RateLimitSnapshot[] = [];
  const http = new ProviderHttpClient({
    provider: 'polar',
    config: {
      clientId: 'c',
      clientSecret: 's',
      baseUrls,
      fetch: fetchImpl,
      onRateLimitHeaders: (s) => snapshots.push(s),
      ...extra,
    },
    readRateLimits: (headers) => {
      const used = headers.get('x-used');
      return used === null ? [] : [{ provider: 'polar', name: 'test', limit: 10, used: Number(used) }];
    },
    retryAfterMs: (headers, now) => parseRetryAfterHeader(headers.get('retry-after'), now),
  });
  return { http, snapshots };
}

const answer =
  (status: number, body: string, headers: Record<string, string> = {}): typeof fetch =>
  () =>
    Promise.resolve(new Response(status === 204 ? null : body, { status, headers }));

async function errorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('ProviderHttpClient', () => {
  it('returns 2xx replies and reports rate-limit headers', async () => {
    const { http, snapshots } = clientWith(answer(200, '{"a":1}', { 'x-used': '3' }));
    const reply = await http.send({ method: 'GET', url: 'http://sim.test/x' });
    expect(readJson(reply, 'x')).toEqual({ a: 1 });
    expect(snapshots).toEqual([{ provider: 'polar', name: 'test', limit: 10, used: 3 }]);
  });

  it.each([
    [500, 'SW_PROVIDER_UNAVAILABLE'],
    [503, 'SW_PROVIDER_UNAVAILABLE'],
    [401, 'SW_PROVIDER_AUTH_EXPIRED'],
    [403, 'SW_PROVIDER_FORBIDDEN'],
    [410, 'SW_PROVIDER_GONE'],
    [404, 'SW_PROVIDER_REQUEST_REJECTED'],
  ] as const)('maps status %i to %s', async (status, code) => {
    const { http } = clientWith(answer(status, '{}'));
    const error = await errorOf(http.send({ method: 'GET', url: 'http://sim.test/x' }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('turns 429 into a rate-limit error with the wait the provider gave', async () => {
    const { http } = clientWith(answer(429, '{}', { 'retry-after': '42' }));
    const error = await errorOf(http.send({ method: 'GET', url: 'http://sim.test/x' }));
    expect(error.code).toBe('SW_PROVIDER_RATE_LIMITED');
    expect(error.retryAfterMs).toBe(42_000);
  });

  it('lets callers take allowed non-2xx statuses themselves', async () => {
    const { http } = clientWith(answer(409, '{}'));
    const reply = await http.send({ method: 'POST', url: 'http://sim.test/x', allowStatuses: [409] });
    expect(reply.status).toBe(409);
  });

  it('times out with SW_PROVIDER_TIMEOUT', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(init.signal?.reason as Error);
        });
      });
    const { http } = clientWith(hanging, { requestTimeoutMs: 20 });
    expect((await errorOf(http.send({ method: 'GET', url: 'http://sim.test/x' }))).code).toBe(
      'SW_PROVIDER_TIMEOUT',
    );
  });

  it('maps connection failures to SW_PROVIDER_UNAVAILABLE without leaking the query or token', async () => {
    const { http } = clientWith(() => Promise.reject(new TypeError('fetch failed')));
    const error = await errorOf(
      http.send({ method: 'GET', url: 'http://sim.test/x?secret=q', headers: bearer('tok-123') }),
    );
    expect(error.code).toBe('SW_PROVIDER_UNAVAILABLE');
    expect(JSON.stringify([error.message, error.details])).not.toMatch(/tok-123|secret=q/);
  });

  it('turns unreadable bodies into SW_PROVIDER_BAD_RESPONSE', async () => {
    const { http } = clientWith(answer(200, '<html>oops'));
    const reply = await http.send({ method: 'GET', url: 'http://sim.test/x' });
    expect(() => readJson(reply, 'x')).toThrow(
      expect.objectContaining({ code: 'SW_PROVIDER_BAD_RESPONSE' }) as Error,
    );
    const good = { status: 200, headers: new Headers(), body: new TextEncoder().encode('{"n":"x"}') };
    expect(() => readJsonAs(good, z.object({ n: z.number() }), 'x')).toThrow(
      expect.objectContaining({ code: 'SW_PROVIDER_BAD_RESPONSE' }) as Error,
    );
  });
});

describe('withAuthRetry', () => {
  function session(tokens: string[]): ProviderSession & { refreshes: number } {
    const state = { refreshes: 0 };
    return Object.assign(state, {
      connectionId: 'c1',
      externalUserId: 'u1',
      accessToken: () => Promise.resolve(tokens[0]!),
      refreshAccessToken: () => {
        state.refreshes += 1;
        return Promise.resolve(tokens[state.refreshes]!);
      },
    });
  }
  const unauthorized = () => new ProviderError('SW_PROVIDER_AUTH_EXPIRED', 'x', { status: 401 });

  it('refreshes once after a 401 and retries with the new token', async () => {
    const s = session(['old', 'new']);
    const seen: string[] = [];
    const result = await withAuthRetry(s, (token) => {
      seen.push(token);
      return token === 'old' ? Promise.reject(unauthorized()) : Promise.resolve('ok');
    });
    expect(result).toBe('ok');
    expect(seen).toEqual(['old', 'new']);
    expect(s.refreshes).toBe(1);
  });

  it('gives up after the second 401 and does not refresh on other errors', async () => {
    const s = session(['a', 'b', 'c']);
    await expect(withAuthRetry(s, () => Promise.reject(unauthorized()))).rejects.toMatchObject({
      status: 401,
    });
    expect(s.refreshes).toBe(1);
    const other = session(['a', 'b']);
    await expect(
      withAuthRetry(other, () =>
        Promise.reject(new ProviderError('SW_PROVIDER_UNAVAILABLE', 'x', { status: 500 })),
      ),
    ).rejects.toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE' });
    expect(other.refreshes).toBe(0);
  });
});

describe('retry-after helpers', () => {
  const now = new Date('2026-11-25T10:07:30Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfterHeader('5', now)).toBe(5000);
    expect(parseRetryAfterHeader('Wed, 25 Nov 2026 10:08:00 GMT', now)).toBe(30_000);
    expect(parseRetryAfterHeader('soon', now)).toBeUndefined();
    expect(parseRetryAfterHeader(null, now)).toBeUndefined();
  });
  it('computes the time to the next aligned window', () => {
    expect(msUntilAlignedWindowEnd(now, 900)).toBe(7.5 * 60_000);
  });
});
