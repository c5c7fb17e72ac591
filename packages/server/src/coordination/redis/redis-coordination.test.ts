import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestRedis, type TestRedis } from '../../testing/redis-test-support.js';
import { describeCoordinationContract } from '../coordination.contract.js';
import { MemoryCoordination } from '../memory/memory-coordination.js';
import type { BucketSpec, CoordinationAdapter } from '../port.js';
import { createRedisCoordination } from './redis-coordination.js';

/** A coordination on a connection of its own; closing it deletes its keys, once. */
async function makeRedisCoordination(): Promise<CoordinationAdapter> {
  const test = await connectTestRedis();
  const coordination = createRedisCoordination({ redis: test.redis, prefix: test.prefix });
  let closed: Promise<void> | undefined;
  return {
    acquireLock: (key, ttlMs) => coordination.acquireLock(key, ttlMs),
    rateLimiter: coordination.rateLimiter,
    cache: coordination.cache,
    close: () => (closed ??= coordination.close().then(() => test.cleanup())),
  };
}

describeCoordinationContract('redis', makeRedisCoordination, { propertyRuns: 40 });

describe('Redis coordination specifics', () => {
  let test: TestRedis;
  let coordination: CoordinationAdapter;
  beforeAll(async () => {
    test = await connectTestRedis();
    coordination = createRedisCoordination({ redis: test.redis, prefix: test.prefix });
  });
  afterAll(async () => {
    await test.cleanup();
  });

  it('keeps every key under the prefix and lets rate-limit and cache keys expire', async () => {
    const now = Date.now();
    await coordination.rateLimiter.take({
      buckets: [
        { key: 'b', capacity: 10, refillPerSecond: 1 },
        { key: 'w', limit: 5, windowSeconds: 60, alignment: 'aligned' },
      ],
      now,
    });
    await coordination.cache.set('c', 'v', 5_000);
    const lock = await coordination.acquireLock('rule:1', 5_000);
    const keys = (await test.redis.keys(`${test.prefix}*`)).map((k) => k.slice(test.prefix.length)).sort();
    expect(keys).toEqual(['cache:c', 'fence:{rule:1}', 'lock:{rule:1}', 'rl:b', 'rl:w']);
    // One token short of full at 1/s: fresh again in 1 s, kept a second more.
    expect(await test.redis.pttl(`${test.prefix}rl:b`)).toBeGreaterThan(1_000);
    expect(await test.redis.pttl(`${test.prefix}rl:b`)).toBeLessThanOrEqual(2_000);
    const windowEnd = Math.floor(now / 60_000) * 60_000 + 60_000;
    expect(await test.redis.pttl(`${test.prefix}rl:w`)).toBeLessThanOrEqual(windowEnd - now + 1_000);
    expect(await test.redis.pttl(`${test.prefix}cache:c`)).toBeGreaterThan(0);
    await lock!.release();
  });

  it('keeps fencing tokens increasing when the script cache is flushed (EVALSHA falls back)', async () => {
    const first = await coordination.acquireLock('rule:flush', 5_000);
    await first!.release();
    await test.redis.script('FLUSH');
    const second = await coordination.acquireLock('rule:flush', 5_000);
    expect(second!.fencingToken).toBeGreaterThan(first!.fencingToken);
    await second!.release();
  });

  it('keeps fencing tokens above every earlier one after Redis lost its data (restart without persistence)', async () => {
    const before = await coordination.acquireLock('rule:amnesia', 5_000);
    await before!.release();
    await test.redis.del(`${test.prefix}fence:{rule:amnesia}`, `${test.prefix}lock:{rule:amnesia}`);
    const after = await coordination.acquireLock('rule:amnesia', 5_000);
    expect(after!.fencingToken).toBeGreaterThan(before!.fencingToken);
    await after!.release();
  });

  it('shares budgets between two workers on separate connections', async () => {
    const other = createRedisCoordination({
      redis: test.redis.duplicate(),
      prefix: test.prefix,
    });
    const buckets = [{ key: 'shared', capacity: 3, refillPerSecond: 0.001 }];
    const now = Date.UTC(2026, 10, 25);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : coordination).rateLimiter.take({ buckets, now })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });

  it('answers exactly like the memory adapter for any sequence of takes and calibrations', async () => {
    const specs: readonly BucketSpec[] = [
      { key: 'd-bucket', capacity: 5, refillPerSecond: 0.7 },
      { key: 'd-slow', capacity: 3, refillPerSecond: 0.05 },
      { key: 'd-window', limit: 4, windowSeconds: 30, alignment: 'aligned' },
    ];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('take' as const),
        advanceMs: fc.integer({ min: 0, max: 20_000 }),
        mask: fc.integer({ min: 1, max: 7 }),
        cost: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({
        kind: fc.constant('calibrate' as const),
        advanceMs: fc.integer({ min: 0, max: 5_000 }),
        target: fc.integer({ min: 0, max: 2 }),
        remaining: fc.integer({ min: 0, max: 6 }),
        resetInMs: fc.integer({ min: -1_000, max: 40_000 }),
      }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const scope = `diff:${run++}:`;
        const memory = new MemoryCoordination();
        let now = Date.UTC(2026, 10, 25, 10, 7, 3);
        for (const o of ops) {
          now += o.advanceMs;
          if (o.kind === 'take') {
            const buckets = specs
              .filter((_, i) => (o.mask >> i) & 1)
              .map((s) => ({ ...s, key: scope + s.key }));
            const request = { buckets, cost: o.cost, now };
            const [fromRedis, fromMemory] = await Promise.all([
              coordination.rateLimiter.take(request),
              memory.rateLimiter.take(request),
            ]);
            expect(fromRedis).toEqual(fromMemory);
          } else {
            const key = scope + specs[o.target]!.key;
            const calibration = { remaining: o.remaining, resetAt: now + o.resetInMs, now };
            await coordination.rateLimiter.calibrate(key, calibration);
            await memory.rateLimiter.calibrate(key, calibration);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
