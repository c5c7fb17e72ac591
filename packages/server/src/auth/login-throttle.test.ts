import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import type { Cache } from '../coordination/port.js';
import { createRedisCoordination } from '../coordination/redis/redis-coordination.js';
import { connectTestRedis, type TestRedis } from '../testing/redis-test-support.js';
import { LOGIN_THROTTLE, LoginThrottle, backoffDelayMs, type ThrottleKey } from './login-throttle.js';
import { RateLimitedError } from './rate-limited-error.js';

const account: ThrottleKey = { key: 'account:abc', policy: LOGIN_THROTTLE.account };
const client: ThrottleKey = { key: 'client:203.0.113.9', policy: LOGIN_THROTTLE.client };

describe('login backoff schedule', () => {
  it('is free for 5 account failures, then 1 s doubling to a 15-minute cap', () => {
    const waits = Array.from({ length: 17 }, (_, i) => backoffDelayMs(LOGIN_THROTTLE.account, i + 1) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    expect(backoffDelayMs(LOGIN_THROTTLE.client, 20)).toBe(0);
    expect(backoffDelayMs(LOGIN_THROTTLE.client, 21)).toBe(1_000);
  });
});

/** Pinned clock; the cache is whichever adapter the case gives. */
function throttleOn(cache: Cache, clock: { t: number }) {
  return new LoginThrottle(cache, () => new Date(clock.t));
}

async function waitOf(throttle: LoginThrottle, keys: ThrottleKey[]): Promise<number> {
  try {
    await throttle.assertOpen(keys);
    return 0;
  } catch (error) {
    if (error instanceof RateLimitedError) return error.retryAfterSeconds;
    throw error;
  }
}

describe('LoginThrottle (memory coordination, pinned clock)', () => {
  it('locks after the free failures, lets one attempt through per wait, and a success resets the account', async () => {
    const clock = { t: Date.parse('2026-03-01T00:00:00Z') };
    const throttle = throttleOn(new MemoryCoordination(() => clock.t).cache, clock);
    for (let i = 0; i < 5; i++) await throttle.failed([account]);
    expect(await waitOf(throttle, [account])).toBe(0);
    await throttle.failed([account]);
    expect(await waitOf(throttle, [account])).toBe(1);
    clock.t += 1_000;
    expect(await waitOf(throttle, [account])).toBe(0);
    await throttle.failed([account]);
    expect(await waitOf(throttle, [account])).toBe(2);
    clock.t += 2_000;
    await throttle.succeeded([account, client]);
    await throttle.failed([account]);
    expect(await waitOf(throttle, [account])).toBe(0);
  });

  it('a success does not clear the client streak, and the longest wait wins', async () => {
    const clock = { t: Date.parse('2026-03-01T00:00:00Z') };
    const throttle = throttleOn(new MemoryCoordination(() => clock.t).cache, clock);
    for (let i = 0; i < 23; i++) await throttle.failed([client]);
    await throttle.succeeded([account, client]);
    expect(await waitOf(throttle, [account, client])).toBe(4);
  });

  it('forgets a streak an hour after its last failure', async () => {
    const clock = { t: Date.parse('2026-03-01T00:00:00Z') };
    const throttle = throttleOn(new MemoryCoordination(() => clock.t).cache, clock);
    for (let i = 0; i < 6; i++) await throttle.failed([account]);
    clock.t += 60 * 60_000;
    await throttle.failed([account]);
    expect(await waitOf(throttle, [account])).toBe(0);
  });
});

describe('LoginThrottle on Redis: one streak across api processes', () => {
  const opened: TestRedis[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.cleanup()));
  });

  it('failures counted by one process lock the account in another', async () => {
    const first = await connectTestRedis();
    const second = await connectTestRedis();
    opened.push(first, second);
    // Two connections, one key space: what two api processes on one Redis see.
    const prefix = first.prefix;
    const clock = { t: Date.now() };
    const a = throttleOn(createRedisCoordination({ redis: first.redis, prefix }).cache, clock);
    const b = throttleOn(createRedisCoordination({ redis: second.redis, prefix }).cache, clock);
    for (let i = 0; i < 3; i++) await a.failed([account]);
    for (let i = 0; i < 3; i++) await b.failed([account]);
    expect(await waitOf(a, [account])).toBe(1);
    expect(await waitOf(b, [account])).toBe(1);
    clock.t += 1_000;
    expect(await waitOf(b, [account])).toBe(0);
  });
});
