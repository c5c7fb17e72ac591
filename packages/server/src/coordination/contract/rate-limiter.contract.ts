import { describe, expect, it } from 'vitest';
import type { AlignedWindowSpec, CoordinationAdapter, TokenBucketSpec } from '../port.js';

/** 2026-11-25 10:07:00 UTC: mid-window, so aligned tests must wait for :15 to get a reset. */
const T0 = Date.UTC(2026, 10, 25, 10, 7, 0);
const QUARTER = Date.UTC(2026, 10, 25, 10, 15, 0);
const MIDNIGHT = Date.UTC(2026, 10, 26, 0, 0, 0);

const bucket = (key: string, capacity: number, refillPerSecond: number): TokenBucketSpec => ({
  key,
  capacity,
  refillPerSecond,
});
const aligned = (key: string, limit: number, windowSeconds: number): AlignedWindowSpec => ({
  key,
  limit,
  windowSeconds,
  alignment: 'aligned',
});

export function describeRateLimiterContract(make: () => Promise<CoordinationAdapter>): void {
  describe('rate limiter', () => {
    it('grants up to capacity, then says how long until the next token', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [bucket('b', 3, 1)];
      for (let i = 0; i < 3; i++) expect(await rl.take({ buckets, now: T0 })).toEqual({ allowed: true });
      expect(await rl.take({ buckets, now: T0 })).toEqual({ allowed: false, retryAfterMs: 1_000 });
      expect(await rl.take({ buckets, now: T0 + 400 })).toEqual({ allowed: false, retryAfterMs: 600 });
      expect(await rl.take({ buckets, now: T0 + 1_000 })).toEqual({ allowed: true });
      expect((await rl.take({ buckets, now: T0 + 1_000 })).allowed).toBe(false);
    });

    it('charges the cost and waits for the missing part only', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [bucket('c', 5, 2)];
      expect((await rl.take({ buckets, cost: 2, now: T0 })).allowed).toBe(true);
      expect((await rl.take({ buckets, cost: 2, now: T0 })).allowed).toBe(true);
      // 1 token left, 2 wanted, 2 per second: half a second.
      expect(await rl.take({ buckets, cost: 2, now: T0 })).toEqual({ allowed: false, retryAfterMs: 500 });
      expect((await rl.take({ buckets, cost: 1, now: T0 })).allowed).toBe(true);
    });

    it('refills over time but never beyond capacity', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [bucket('r', 4, 10)];
      expect((await rl.take({ buckets, cost: 4, now: T0 })).allowed).toBe(true);
      expect((await rl.take({ buckets, cost: 2, now: T0 + 200 })).allowed).toBe(true);
      expect((await rl.take({ buckets, cost: 1, now: T0 + 200 })).allowed).toBe(false);
      // An hour idle refills to 4, not 36 000.
      expect((await rl.take({ buckets, cost: 4, now: T0 + 3_600_000 })).allowed).toBe(true);
      expect((await rl.take({ buckets, cost: 1, now: T0 + 3_600_000 })).allowed).toBe(false);
    });

    it('charges every bucket of a request or none of them', async () => {
      const { rateLimiter: rl } = await make();
      const app = bucket('app', 5, 0.001);
      const user = bucket('user:1', 1, 0.001);
      expect((await rl.take({ buckets: [app, user], now: T0 })).allowed).toBe(true);
      expect((await rl.take({ buckets: [app, user], now: T0 })).allowed).toBe(false);
      // The refused take left `app` alone: 4 of 5 are still there.
      for (let i = 0; i < 4; i++) expect((await rl.take({ buckets: [app], now: T0 })).allowed).toBe(true);
      expect((await rl.take({ buckets: [app], now: T0 })).allowed).toBe(false);
    });

    it('returns the longest wait among the full buckets', async () => {
      const { rateLimiter: rl } = await make();
      const fast = bucket('fast', 1, 1);
      const window = aligned('window', 1, 900);
      expect((await rl.take({ buckets: [fast, window], now: T0 })).allowed).toBe(true);
      expect(await rl.take({ buckets: [fast, window], now: T0 })).toEqual({
        allowed: false,
        retryAfterMs: QUARTER - T0,
      });
      expect(await rl.take({ buckets: [fast], now: T0 })).toEqual({ allowed: false, retryAfterMs: 1_000 });
    });

    it('resets an aligned window at the quarter hour, not 15 minutes after first use', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [aligned('strava-15', 2, 900)];
      const late = QUARTER - 1_000;
      expect((await rl.take({ buckets, now: T0 })).allowed).toBe(true);
      expect((await rl.take({ buckets, now: late })).allowed).toBe(true);
      expect(await rl.take({ buckets, now: late })).toEqual({ allowed: false, retryAfterMs: 1_000 });
      expect(await rl.take({ buckets, now: QUARTER - 1 })).toEqual({ allowed: false, retryAfterMs: 1 });
      expect((await rl.take({ buckets, cost: 2, now: QUARTER })).allowed).toBe(true);
      expect(await rl.take({ buckets, now: QUARTER + 10 })).toEqual({
        allowed: false,
        retryAfterMs: 900_000 - 10,
      });
    });

    it('resets a daily aligned window at UTC midnight', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [aligned('strava-day', 1, 86_400)];
      expect((await rl.take({ buckets, now: MIDNIGHT - 500 })).allowed).toBe(true);
      expect(await rl.take({ buckets, now: MIDNIGHT - 500 })).toEqual({ allowed: false, retryAfterMs: 500 });
      expect((await rl.take({ buckets, now: MIDNIGHT })).allowed).toBe(true);
    });

    it('calibrate pulls a token bucket down, and refill goes on from there', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [bucket('cal', 100, 1)];
      expect((await rl.take({ buckets, now: T0 })).allowed).toBe(true);
      await rl.calibrate('cal', { remaining: 2, resetAt: QUARTER, now: T0 });
      expect((await rl.take({ buckets, cost: 2, now: T0 })).allowed).toBe(true);
      expect(await rl.take({ buckets, now: T0 })).toEqual({ allowed: false, retryAfterMs: 1_000 });
      expect((await rl.take({ buckets, now: T0 + 1_000 })).allowed).toBe(true);
    });

    it('calibrate never raises a bucket', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [bucket('low', 100, 0.001)];
      expect((await rl.take({ buckets, cost: 99, now: T0 })).allowed).toBe(true);
      await rl.calibrate('low', { remaining: 50, resetAt: QUARTER, now: T0 });
      expect((await rl.take({ buckets, now: T0 })).allowed).toBe(true);
      expect((await rl.take({ buckets, now: T0 })).allowed).toBe(false);
    });

    it('calibrate holds an aligned window down until the provider resets it', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [aligned('win', 100, 900)];
      expect((await rl.take({ buckets, now: T0 })).allowed).toBe(true);
      await rl.calibrate('win', { remaining: 0, resetAt: QUARTER, now: T0 + 5 });
      expect(await rl.take({ buckets, now: T0 + 5 })).toEqual({
        allowed: false,
        retryAfterMs: QUARTER - T0 - 5,
      });
      expect((await rl.take({ buckets, cost: 100, now: QUARTER })).allowed).toBe(true);
    });

    it('calibrate before any take seeds the budget', async () => {
      const { rateLimiter: rl } = await make();
      await rl.calibrate('seed', { remaining: 1, resetAt: QUARTER, now: T0 });
      const buckets = [aligned('seed', 200, 900)];
      expect((await rl.take({ buckets, now: T0 })).allowed).toBe(true);
      expect(await rl.take({ buckets, now: T0 })).toEqual({ allowed: false, retryAfterMs: QUARTER - T0 });
    });

    it('grants exactly capacity to 50 parallel takes', async () => {
      const { rateLimiter: rl } = await make();
      const buckets = [bucket('par', 10, 0.001)];
      const results = await Promise.all(Array.from({ length: 50 }, () => rl.take({ buckets, now: T0 })));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    });

    it('keeps parallel multi-bucket takes atomic', async () => {
      const { rateLimiter: rl } = await make();
      const small = bucket('m-small', 10, 0.001);
      const big = bucket('m-big', 20, 0.001);
      const results = await Promise.all(
        Array.from({ length: 30 }, () => rl.take({ buckets: [small, big], now: T0 })),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      const rest = await Promise.all(Array.from({ length: 15 }, () => rl.take({ buckets: [big], now: T0 })));
      expect(rest.filter((r) => r.allowed)).toHaveLength(10);
    });

    it('allows a request with no buckets and works on its own clock without `now`', async () => {
      const { rateLimiter: rl } = await make();
      expect(await rl.take({ buckets: [] })).toEqual({ allowed: true });
      const buckets = [bucket('clock', 1, 0.5)];
      expect(await rl.take({ buckets })).toEqual({ allowed: true });
      const refused = await rl.take({ buckets });
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) expect(refused.retryAfterMs).toBeGreaterThan(1_000);
    });

    it('refuses requests that could never be granted, with a stable code', async () => {
      const { rateLimiter: rl } = await make();
      const invalid = { code: 'SW_CONFIG_INVALID' };
      await expect(rl.take({ buckets: [bucket('x', 2, 1)], cost: 3 })).rejects.toMatchObject(invalid);
      await expect(rl.take({ buckets: [bucket('x', 2, 0)] })).rejects.toMatchObject(invalid);
      await expect(rl.take({ buckets: [bucket('x', 2, 1), aligned('x', 2, 60)] })).rejects.toMatchObject(
        invalid,
      );
      await expect(rl.take({ buckets: [bucket('x', 2, 1)], cost: 0 })).rejects.toMatchObject(invalid);
    });
  });
}
