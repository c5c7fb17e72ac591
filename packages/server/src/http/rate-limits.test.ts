import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import { createApiHarness, signUpAndLogIn, type ApiHarness } from './api-test-harness.js';
import { DEFAULT_API_RATE_LIMITS, classifyRoute, type ApiRateLimitPolicy } from './api-rate-limits.js';

const PASSWORD = 'a very long password';
const opened: ApiHarness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

/** A harness on a pinned clock: nothing here sleeps. */
async function pinnedHarness(apiRateLimits: ApiRateLimitPolicy | 'off' = DEFAULT_API_RATE_LIMITS) {
  const clock = { t: Date.parse('2026-03-01T08:00:00Z') };
  const now = () => new Date(clock.t);
  const h = await createApiHarness(
    {},
    { now, coordination: new MemoryCoordination(() => clock.t), apiRateLimits },
  );
  opened.push(h);
  return { h, clock };
}

const login = (h: ApiHarness, email: string, password: string, remoteAddress = '198.51.100.1') =>
  h.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password }, remoteAddress });

// Each case hashes up to 23 passwords (scrypt) on a shared host: room to run, never a sleep.
describe('login throttling (issue 9 §1)', { timeout: 120_000 }, () => {
  it('answers the 7th wrong password in a row with 429 and Retry-After, then doubles the wait', async () => {
    const { h, clock } = await pinnedHarness();
    await signUpAndLogIn(h.app, 'victim@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login(h, 'victim@example.org', `guess-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const refused = await login(h, 'victim@example.org', PASSWORD);
    expect(refused.statusCode).toBe(429); // even the right password waits: no oracle while locked
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ code: 'SW_RATE_LIMITED', details: { retryAfterSeconds: 1 } });

    clock.t += 1_000;
    expect((await login(h, 'victim@example.org', 'guess-7')).statusCode).toBe(401);
    expect((await login(h, 'victim@example.org', PASSWORD)).headers['retry-after']).toBe('2');
    clock.t += 2_000;
    expect((await login(h, 'victim@example.org', PASSWORD)).statusCode).toBe(200);
    // A success ends the account's streak: five free failures again.
    for (let i = 0; i < 5; i++) expect((await login(h, 'victim@example.org', 'x')).statusCode).toBe(401);
  });

  it('throttles one client spraying many accounts, not the other clients', async () => {
    const { h } = await pinnedHarness();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await login(h, `nobody-${i}@example.org`, 'guess', '203.0.113.7')).statusCode);
    expect(statuses.slice(0, 21).every((s) => s === 401)).toBe(true);
    expect(statuses[21]).toBe(429);
    expect((await login(h, 'nobody-0@example.org', 'guess', '203.0.113.8')).statusCode).toBe(401);
  });

  it('throttles the current-password check of a password change', async () => {
    const { h } = await pinnedHarness();
    const user = await signUpAndLogIn(h.app, 'changer@example.org');
    const change = (currentPassword: string) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/users/me/password',
        headers: user.auth,
        payload: { currentPassword, newPassword: 'a brand new long password' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await change(`guess-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('the cookie log-in shares the streak with /v1/sessions', async () => {
    const { h } = await pinnedHarness();
    await signUpAndLogIn(h.app, 'cookie@example.org');
    for (let i = 0; i < 6; i++) await login(h, 'cookie@example.org', 'guess');
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/sessions/cookie',
      headers: { origin: 'https://sync.test' },
      payload: { email: 'cookie@example.org', password: PASSWORD },
      remoteAddress: '198.51.100.99',
    });
    expect(res.statusCode).toBe(429);
    expect(res.cookies).toEqual([]);
  });
});

describe('API-wide rate limits', () => {
  const tight: ApiRateLimitPolicy = {
    perClient: { ...DEFAULT_API_RATE_LIMITS.perClient, read: { burst: 1_000, perMinute: 60 } },
    perUser: {
      read: { burst: 3, perMinute: 60 },
      write: { burst: 2, perMinute: 60 },
      sync: { burst: 1, perMinute: 1 },
    },
  };

  it('limits each user per route class, refills with the clock, and leaves other users alone', async () => {
    const { h, clock } = await pinnedHarness(tight);
    const alice = await signUpAndLogIn(h.app, 'alice-rl@example.org');
    const bob = await signUpAndLogIn(h.app, 'bob-rl@example.org');
    const read = (auth: Record<string, string>) =>
      h.app.inject({ method: 'GET', url: '/v1/rules', headers: auth });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await read(alice.auth)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await read(alice.auth);
    expect(refused.headers['retry-after']).toBe('1');
    expect((await read(bob.auth)).statusCode).toBe(200);
    // Writes have their own budget: reads spent do not block them.
    const write = await h.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: alice.auth,
      payload: { provider: 'strava' },
    });
    expect(write.statusCode).toBe(201);
    clock.t += 1_000;
    expect((await read(alice.auth)).statusCode).toBe(200);
  });

  it('limits each client address, before authentication', async () => {
    const { h } = await pinnedHarness({
      ...tight,
      perClient: { ...tight.perClient, read: { burst: 2, perMinute: 1 } },
    });
    const anonymous = () => h.app.inject({ method: 'GET', url: '/v1/rules', remoteAddress: '192.0.2.44' });
    expect([
      (await anonymous()).statusCode,
      (await anonymous()).statusCode,
      (await anonymous()).statusCode,
    ]).toEqual([401, 401, 429]);
    expect((await anonymous()).headers['retry-after']).toBe('60');
    expect(
      (await h.app.inject({ method: 'GET', url: '/health', remoteAddress: '192.0.2.44' })).statusCode,
    ).toBe(200);
  });

  it('classifies every route by its pattern', () => {
    expect(classifyRoute('POST', '/v1/sessions')).toBe('auth');
    expect(classifyRoute('POST', '/v1/users')).toBe('auth');
    expect(classifyRoute('POST', '/v1/users/me/password')).toBe('auth');
    expect(classifyRoute('GET', '/v1/runs/:id')).toBe('read');
    expect(classifyRoute('PATCH', '/v1/rules/:id')).toBe('write');
    expect(classifyRoute('POST', '/v1/rules/:id/sync')).toBe('sync');
    expect(classifyRoute('POST', '/v1/rules/:id/backfill')).toBe('sync');
    expect(classifyRoute('POST', '/v1/webhooks/:provider')).toBe('webhook');
    expect(classifyRoute('GET', '/health')).toBe('exempt');
    expect(classifyRoute('GET', undefined)).toBe('exempt');
  });
});
