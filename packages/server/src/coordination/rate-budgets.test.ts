import type { ProviderFacts, RateLimitFacts } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { MemoryCoordination } from './memory/memory-coordination.js';
import { buildRateBudgets, rateBudgetKey } from './rate-budgets.js';

const limit = (overrides: Partial<RateLimitFacts> & Pick<RateLimitFacts, 'name'>): RateLimitFacts => ({
  scope: 'app',
  limit: 100,
  windowSeconds: 900,
  window: 'aligned',
  appliesTo: 'all',
  ...overrides,
});

/** Shaped like a provider with aligned app windows, a read-only sub-budget and a per-user budget. */
const facts = {
  id: 'example',
  rateLimits: [
    limit({ name: 'overall-15min', limit: 200 }),
    limit({ name: 'overall-daily', limit: 2000, windowSeconds: 86_400 }),
    limit({ name: 'read-15min', limit: 100, appliesTo: 'read' }),
    limit({ name: 'upload-hour', limit: 10, windowSeconds: 3_600, appliesTo: 'write', scope: 'user' }),
  ],
} as unknown as Pick<ProviderFacts, 'id' | 'rateLimits'>;

describe('buildRateBudgets', () => {
  it('takes the budgets that apply to the operation, app-wide and per account', () => {
    expect(buildRateBudgets(facts, { operation: 'read', account: 'c1' })).toEqual([
      { key: 'example:app:overall-15min', limit: 200, windowSeconds: 900, alignment: 'aligned' },
      { key: 'example:app:overall-daily', limit: 2000, windowSeconds: 86_400, alignment: 'aligned' },
      { key: 'example:app:read-15min', limit: 100, windowSeconds: 900, alignment: 'aligned' },
    ]);
    expect(buildRateBudgets(facts, { operation: 'write', account: 'c1' }).map((b) => b.key)).toEqual([
      'example:app:overall-15min',
      'example:app:overall-daily',
      'example:user:c1:upload-hour',
    ]);
  });

  it('caps a share in a lane bucket while still charging the full budget', () => {
    const specs = buildRateBudgets(facts, { operation: 'read', account: 'c1', share: 0.3, lane: 'backfill' });
    expect(specs).toHaveLength(6);
    expect(specs[1]).toEqual({
      key: 'example:app:overall-15min:lane:backfill',
      limit: 60,
      windowSeconds: 900,
      alignment: 'aligned',
    });
    expect(buildRateBudgets(facts, { operation: 'read', account: 'c1', share: 0.3 })[1]!.key).toBe(
      'example:app:overall-15min:lane:share-30',
    );
  });

  it('lets backfill use at most its share, and leaves the rest to interactive syncs', async () => {
    const { rateLimiter } = new MemoryCoordination();
    const now = Date.UTC(2026, 10, 25, 10, 1);
    const backfill = buildRateBudgets(facts, {
      operation: 'read',
      account: 'c1',
      share: 0.3,
      lane: 'backfill',
    });
    const interactive = buildRateBudgets(facts, { operation: 'read', account: 'c2' });
    let backfillGranted = 0;
    while ((await rateLimiter.take({ buckets: backfill, now })).allowed) backfillGranted++;
    let interactiveGranted = 0;
    while ((await rateLimiter.take({ buckets: interactive, now })).allowed) interactiveGranted++;
    // The read budget (100) binds: backfill gets 30 %, interactive syncs what is left.
    expect(backfillGranted).toBe(30);
    expect(interactiveGranted).toBe(70);
  });

  it('turns a rolling window into a bucket that never exceeds the limit in any window', () => {
    const rolling = {
      id: 'p',
      rateLimits: [limit({ name: 'app-15min', limit: 500, perUserIncrement: 20, window: 'rolling' })],
    } as unknown as Pick<ProviderFacts, 'id' | 'rateLimits'>;
    const [spec] = buildRateBudgets(rolling, { operation: 'read', account: 'c', registeredUsers: 10 });
    // 500 + 20 × 10 = 700: burst 70, the other 630 spread over 900 s.
    expect(spec).toEqual({ key: 'p:app:app-15min', capacity: 70, refillPerSecond: 630 / 900 });
    const [base] = buildRateBudgets(rolling, { operation: 'read', account: 'c' });
    expect(base).toMatchObject({ capacity: 50 });
  });

  it('refuses a share outside (0, 1] and a per-user budget without an account', () => {
    expect(() => buildRateBudgets(facts, { operation: 'read', account: 'c', share: 0 })).toThrow(
      expect.objectContaining({ code: 'SW_CONFIG_INVALID' }),
    );
    expect(() => rateBudgetKey('example', facts.rateLimits[3]!, '')).toThrow(
      expect.objectContaining({ code: 'SW_CONFIG_INVALID' }),
    );
  });
});
