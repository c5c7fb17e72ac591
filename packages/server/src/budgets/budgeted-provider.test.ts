import type { DataProvider, ProviderFacts, ProviderSession, RateLimitFacts } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import type { CoordinationAdapter } from '../coordination/port.js';
import { createRedisCoordination } from '../coordination/redis/redis-coordination.js';
import { DelayJobError } from '../queue/port.js';
import { connectTestRedis, type TestRedis } from '../testing/redis-test-support.js';
import { budgetProvider } from './budgeted-provider.js';
import { calibrateFromHeaders } from './rate-limit-calibration.js';

const base = PROVIDER_MODULES.get('strava')?.facts as ProviderFacts;
// Daily aligned windows: a test never straddles a reset (except at UTC midnight).
const LIMITS: RateLimitFacts[] = [
  {
    scope: 'app',
    name: 'overall-daily',
    limit: 10,
    windowSeconds: 86_400,
    window: 'aligned',
    appliesTo: 'all',
  },
  {
    scope: 'user',
    name: 'user-daily',
    limit: 6,
    windowSeconds: 86_400,
    window: 'aligned',
    appliesTo: 'read',
  },
];

function fakeProvider(calls: string[]): DataProvider {
  return {
    facts: { ...base, rateLimits: LIMITS },
    read: () => {
      calls.push('read');
      return Promise.resolve({ records: [], nextCursor: null, hasMore: false } as never);
    },
    write: (_s, items) => {
      calls.push(`write:${items.length}`);
      return Promise.resolve([]);
    },
  };
}

const session = {} as ProviderSession;
const request = {} as never;

async function refusal(promise: Promise<unknown>): Promise<DelayJobError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DelayJobError);
  return error as DelayJobError;
}

const redis: TestRedis[] = [];
afterAll(async () => {
  for (const r of redis) await r.cleanup();
});

describe.each([
  ['memory', () => Promise.resolve<CoordinationAdapter>(new MemoryCoordination())],
  [
    'redis',
    async (): Promise<CoordinationAdapter> => {
      const test = await connectTestRedis();
      redis.push(test);
      return createRedisCoordination({ redis: test.redis, prefix: test.prefix });
    },
  ],
] as const)('budgeted provider calls (%s coordination)', (_name, open) => {
  it('charges the per-user budget per account and delays, never fails, when it is empty', async () => {
    const { rateLimiter } = await open();
    const calls: string[] = [];
    const alice = budgetProvider(fakeProvider(calls), { rateLimiter, account: 'conn-a' });
    const bob = budgetProvider(fakeProvider(calls), { rateLimiter, account: 'conn-b' });
    for (let i = 0; i < 6; i += 1) await alice.read(session, request);
    const error = await refusal(alice.read(session, request));
    expect(error.code).toBe('SW_PROVIDER_RATE_LIMITED');
    expect(error.delayMs).toBeGreaterThan(0);
    expect(calls).toHaveLength(6); // the refused request never reached the provider
    // Bob has his own user budget but shares the app budget (10): 4 left for him.
    for (let i = 0; i < 4; i += 1) await bob.read(session, request);
    await refusal(bob.read(session, request));
  });

  it('keeps backfill to its 30 % lane while live syncs still find room', async () => {
    const { rateLimiter } = await open();
    const calls: string[] = [];
    const backfill = budgetProvider(fakeProvider(calls), {
      rateLimiter,
      account: 'conn-c',
      share: 0.3,
      lane: 'backfill',
    });
    const live = budgetProvider(fakeProvider(calls), { rateLimiter, account: 'conn-d' });
    // 30 % of the app's 10 is 3 and of the user's 6 is 1: reads stop after 1, writes after 3.
    await backfill.read(session, request);
    await refusal(backfill.read(session, request));
    await backfill.write(session, [{} as never, {} as never]);
    await refusal(backfill.write(session, [{} as never]));
    for (let i = 0; i < 6; i += 1) await live.read(session, request);
    expect(calls).toEqual(['read', 'write:2', ...Array<string>(6).fill('read')]);
  });

  it('pulls the app budget down to what the provider headers say is left', async () => {
    const { rateLimiter } = await open();
    const calls: string[] = [];
    const provider = budgetProvider(fakeProvider(calls), { rateLimiter, account: 'conn-e' });
    const sink = calibrateFromHeaders(rateLimiter, { id: base.id, rateLimits: LIMITS });
    sink({
      provider: 'strava',
      name: 'overall-daily',
      limit: 10,
      used: 9,
      resetAt: new Date(Date.now() + 60_000),
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // calibration runs in the background
    await provider.read(session, request);
    await refusal(provider.read(session, request));
    expect(calls).toEqual(['read']);
  });
});
