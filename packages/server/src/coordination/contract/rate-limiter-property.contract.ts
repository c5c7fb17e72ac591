import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoordinationAdapter } from '../port.js';

const T0 = Date.UTC(2026, 10, 25, 10, 7, 0);

const steps = fc.array(
  fc.record({ advanceMs: fc.integer({ min: 0, max: 3_000 }), cost: fc.integer({ min: 1, max: 3 }) }),
  { minLength: 1, maxLength: 40 },
);

/**
 * Whatever the order and spacing of takes, a bucket never grants more than it could hold at the
 * start plus what refilled since. Each run uses keys of its own on one adapter instance.
 */
export function describeRateLimiterProperties(
  make: () => Promise<CoordinationAdapter>,
  numRuns: number,
): void {
  describe('rate limiter properties', () => {
    it('never grants more than capacity plus refill', async () => {
      const { rateLimiter: rl } = await make();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 3, max: 10 }),
          fc.double({ min: 0.1, max: 5, noNaN: true }),
          steps,
          async (capacity, refillPerSecond, plan) => {
            const buckets = [{ key: `prop:${run++}`, capacity, refillPerSecond }];
            let now = T0;
            let granted = 0;
            for (const { advanceMs, cost } of plan) {
              now += advanceMs;
              if ((await rl.take({ buckets, cost, now })).allowed) granted += cost;
              const bound = capacity + (refillPerSecond * (now - T0)) / 1_000;
              expect(granted).toBeLessThanOrEqual(bound + 1e-9);
            }
          },
        ),
        { numRuns },
      );
    });

    it('never grants more than the limit within one aligned window, across both buckets', async () => {
      const { rateLimiter: rl } = await make();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 6 }), steps, async (limit, plan) => {
          const id = run++;
          const window = { key: `win:${id}`, limit, windowSeconds: 10, alignment: 'aligned' as const };
          const user = { key: `user:${id}`, capacity: 4, refillPerSecond: 1 };
          const perWindow = new Map<number, number>();
          let now = T0;
          let userGranted = 0;
          for (const { advanceMs, cost } of plan) {
            now += advanceMs;
            const size = Math.min(limit, 4);
            const result = await rl.take({ buckets: [window, user], cost: Math.min(cost, size), now });
            if (!result.allowed) {
              expect(result.retryAfterMs).toBeGreaterThanOrEqual(1);
              continue;
            }
            const slot = Math.floor(now / 10_000);
            perWindow.set(slot, (perWindow.get(slot) ?? 0) + Math.min(cost, size));
            userGranted += Math.min(cost, size);
            expect(perWindow.get(slot)).toBeLessThanOrEqual(limit);
            expect(userGranted).toBeLessThanOrEqual(4 + (now - T0) / 1_000 + 1e-9);
          }
        }),
        { numRuns },
      );
    });
  });
}
