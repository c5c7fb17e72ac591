import type { ProviderBundle, Workout } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import {
  generateWorkouts,
  startStravaSimulator,
  type FaultStats,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBed, ruleInput, type TestBed } from '../connections/connection-test-support.js';
import type { BackfillStatus } from '../store/port.js';
import { BACKFILL_SOURCES, type BackfillSource, type SourceContext } from './backfill-matrix-test-support.js';
import { startBackfill } from './backfill-starter.js';
import { TestClock, connectAccount, steppingWorker } from './backfill-test-support.js';

/*
 * The backfill invariant (DESIGN §4, issue 8 §3): for every provider as a backfill source,
 * under every fault its simulator injects, a backfill reaches a terminal state within a bounded
 * number of job executions, with the expected state and per-chunk reasons, and the user is told
 * when it ends other than cleanly. Each case: a 21-day window in three 7-day chunks with one
 * workout in each, the real worker handlers with budgets, an SQLite store, and a queue that runs
 * one execution at a time on the case's clock (a 15-minute rate-limit wait costs nothing).
 */

const DAY = 86_400_000;
/** Pinned: a Sunday in June, far from DST changes. Time is an input. */
const T0 = Date.UTC(2026, 5, 14, 12, 0, 0);
const CHUNKS = 3;
const ATTEMPTS = 3;
const MAX_STALLS = 4;
/**
 * The bound: every execution of a chunk commits a page (at most ~8 per chunk here: Garmin reads
 * a 7-day chunk as day-long upload windows, one page each), or fails an attempt (at most
 * ATTEMPTS), or waits on a rate limit without progress (at most MAX_STALLS in a row).
 */
const MAX_PAGES_PER_CHUNK = 10;
const MAX_EXECUTIONS = CHUNKS * (MAX_PAGES_PER_CHUNK + ATTEMPTS + MAX_STALLS);

type ChunkOutcome = 'done' | `partial:${string}` | `failed:${string}`;
interface Expected {
  readonly status: BackfillStatus;
  readonly chunks: readonly ChunkOutcome[];
  /** The notice's permission, when the reason names one. */
  readonly permission?: string;
}

interface FaultCase {
  readonly name: string;
  /** Before the accounts connect (token faults: the tokens they get are already short-lived). */
  readonly before?: (source: BackfillSource) => void;
  /** After they connect, before the backfill starts. */
  readonly apply: (source: BackfillSource, clock: TestClock) => Promise<void> | void;
  /** Client request timeout for this case (the timeout faults need a client that gives up). */
  readonly requestTimeoutMs?: number;
  /** Proof the simulator injected it (a fault that never fires would make a case vacuous). */
  readonly fired?: (stats: FaultStats) => boolean;
}

/**
 * The workout without its GPS track and laps: the simulators encode (and the clients decode) a
 * FIT file per download, which is most of a case's time with a track, and the invariant is
 * about chunks and faults, not track fidelity (the provider conformance suites cover that).
 */
function summaryOnly(workout: Workout): Workout {
  const { track: _track, ...rest } = workout;
  return { ...rest, laps: [] };
}

/** Two minutes on: tokens issued with a one-minute life are expired at the provider. */
function expire(source: BackfillSource, clock: TestClock): void {
  clock.advance(120_000);
  source.advanceClock?.(120_000);
}

const CLEAN: Expected = { status: 'succeeded', chunks: ['done', 'done', 'done'] };
const failedAll = (code: string): Expected => ({
  status: 'failed',
  chunks: [`failed:${code}`, `failed:${code}`, `failed:${code}`],
});

const FAULTS = {
  none: { name: 'no fault', apply: () => undefined },
  latency: {
    name: 'latency',
    fired: (f) => f.delayed > 0,
    apply: (s) => s.faults.set({ latencyMs: { min: 2, max: 10 }, seed: 3 }),
  },
  fiveXx: {
    name: '5xx on every request',
    fired: (f) => f.serverErrors > 0,
    apply: (s) => s.faults.set({ errorRate5xx: 1 }),
  },
  stormShort: {
    name: '429 storm (3 requests)',
    fired: (f) => f.rateLimited === 3,
    apply: (s) => s.faults.set({ rateLimitStorm: { count: 3 } }),
  },
  stormEndless: {
    name: '429 storm without end',
    fired: (f) => f.rateLimited > 0,
    apply: (s) => s.faults.set({ rateLimitStorm: {} }),
  },
  timeoutOnce: {
    name: 'timeout once',
    fired: (f) => f.timedOut === 1,
    apply: (s) => s.faults.set({ timeout: { count: 1, holdMs: 1_500 } }),
    requestTimeoutMs: 1_000,
  },
  timeoutAlways: {
    name: 'timeout on every request',
    fired: (f) => f.timedOut > 0,
    apply: (s) => s.faults.set({ timeout: { holdMs: 300 } }),
    requestTimeoutMs: 200,
  },
  tokenExpiry: {
    name: 'access token expired (refresh works)',
    before: (s) => s.faults.set({ expireTokensAfterMs: 60_000 }),
    apply: (s, clock) => expire(s, clock),
  },
  tokenRevoked: {
    name: 'access token expired, refresh refused (invalid_grant)',
    before: (s) => s.faults.set({ expireTokensAfterMs: 60_000, invalidGrant: true, scope: 'both' }),
    apply: (s, clock) => expire(s, clock),
  },
  malformedItems: {
    name: 'malformed list items (1 in 2)',
    fired: (f) => f.corruptedItems > 0,
    apply: (s) => s.faults.set({ malformedPayload: { share: 0.5, target: 'items' } }),
  },
  malformedFiles: {
    name: 'corrupt FIT files (1 in 2)',
    fired: (f) => f.corruptedFiles > 0,
    apply: (s) => s.faults.set({ malformedPayload: { share: 0.5, target: 'files' } }),
  },
  gone: { name: '410 Gone', fired: (f) => f.gone > 0, apply: (s) => s.faults.set({ gone410: true }) },
  consent: {
    name: 'permission withdrawn',
    apply: async (s) => {
      await s.withdrawConsent?.();
    },
  },
} satisfies Record<string, FaultCase>;

type FaultName = keyof typeof FAULTS;

/** One chunk (by run order: newest first) partial for `code`, the others clean. */
function partialAt(index: number, code: string): Expected {
  const chunks: ChunkOutcome[] = ['done', 'done', 'done'];
  chunks[index] = `partial:${code}`;
  return { status: 'partial', chunks };
}

/** What every provider does under the shared faults, unless its row below says otherwise. */
const COMMON: Partial<Record<FaultName, Expected>> = {
  none: CLEAN,
  latency: CLEAN,
  // Retried ATTEMPTS times per chunk, then that chunk fails; each chunk tries on its own.
  fiveXx: failedAll('SW_PROVIDER_UNAVAILABLE'),
  timeoutAlways: failedAll('SW_PROVIDER_TIMEOUT'),
  // Waits spend no attempt; MAX_STALLS waits without a committed page fail the chunk.
  stormShort: CLEAN,
  stormEndless: failedAll('SW_PROVIDER_RATE_LIMITED'),
  timeoutOnce: CLEAN,
  tokenExpiry: CLEAN,
  // Needs the user (reconnect): the first chunk fails with it and stops the others.
  tokenRevoked: failedAll('SW_PROVIDER_AUTH_REVOKED'),
  gone: failedAll('SW_PROVIDER_GONE'),
};

/**
 * Every provider, the faults its simulator injects (a fault missing from a row is one it does
 * not: no item corruption at Withings, no files but Polar's and Garmin's FIT, no consent switch
 * at Strava, Google Health or WHOOP), and what each must end as. Chunk order is run order.
 */
const MATRIX: Record<keyof typeof BACKFILL_SOURCES, Partial<Record<FaultName, Expected>>> = {
  polar: {
    ...COMMON,
    // Polar issues no refresh token: an expired access token needs the user to reconnect.
    tokenExpiry: failedAll('SW_PROVIDER_AUTH_EXPIRED'),
    tokenRevoked: failedAll('SW_PROVIDER_AUTH_EXPIRED'),
    // Range reads drop a summary that fails validation (its start is unknown, so no chunk can
    // claim it); only incremental reads report it (polar/data-client.ts). Left as it is.
    malformedItems: CLEAN,
    malformedFiles: partialAt(1, 'SW_ITEM_CORRUPT_FILE'),
    consent: failedAll('SW_PROVIDER_FORBIDDEN'),
  },
  // Strava → Strava: every fault also hits the destination side of the rule.
  strava: { ...COMMON, malformedItems: partialAt(1, 'SW_ITEM_INVALID_PAYLOAD') },
  google_health: { ...COMMON, malformedItems: partialAt(1, 'SW_ITEM_INVALID_PAYLOAD') },
  garmin: {
    ...COMMON,
    // Every chunk reads the same upload windows, and a summary whose start cannot be read
    // cannot be placed in one: each chunk reports it.
    malformedItems: {
      status: 'partial',
      chunks: [
        'partial:SW_ITEM_INVALID_PAYLOAD',
        'partial:SW_ITEM_INVALID_PAYLOAD',
        'partial:SW_ITEM_INVALID_PAYLOAD',
      ],
    },
    malformedFiles: partialAt(1, 'SW_ITEM_CORRUPT_FILE'),
    // The issue's case: recent data is read, older history is refused until the user grants
    // HISTORICAL_DATA_EXPORT; the refusal ends its chunk and stops the one after it.
    consent: {
      status: 'partial',
      chunks: ['done', 'partial:SW_PROVIDER_FORBIDDEN', 'failed:SW_PROVIDER_FORBIDDEN'],
      permission: 'HISTORICAL_DATA_EXPORT',
    },
  },
  oura: {
    ...COMMON,
    malformedItems: partialAt(1, 'SW_ITEM_INVALID_PAYLOAD'),
    // An expired membership: Oura answers 403 to every read.
    consent: failedAll('SW_PROVIDER_FORBIDDEN'),
  },
  // The user unlinks the app in Health Mate: the tokens die and refreshing them is refused.
  withings: { ...COMMON, consent: failedAll('SW_PROVIDER_AUTH_REVOKED') },
  whoop: { ...COMMON, malformedItems: partialAt(1, 'SW_ITEM_INVALID_PAYLOAD') },
};

describe('every backfill ends: providers × faults (embedded store, stepping queue)', () => {
  let strava: StravaSimulator;
  let bed: TestBed;
  let clockRef: { current: TestClock };
  let athletes: number[];
  const results: string[] = [];

  beforeAll(async () => {
    clockRef = { current: new TestClock(T0) };
    strava = await startStravaSimulator({
      clientId: '90311',
      clientSecret: 'strava-bf-secret',
      seed: 90,
      athletes: 130,
      activitiesPerAthlete: 0,
      uploadProcessingMs: 1,
      rateLimits: {
        overall: { fifteenMinute: 1_000_000, daily: 1_000_000 },
        read: { fifteenMinute: 1_000_000, daily: 1_000_000 },
      },
    });
    athletes = strava.athletes.map((a) => a.id);
    bed = await openTestBed({ now: () => clockRef.current.now() });
  }, 60_000);

  afterAll(async () => {
    // BACKFILL_MATRIX=1 prints the table: provider, fault, end state, executions, chunks, notice.
    if (process.env.BACKFILL_MATRIX === '1') console.log(results.join('\n'));
    await bed.cleanup();
    await strava.close();
  });

  function stravaBundle(requestTimeoutMs: number): ProviderBundle {
    return PROVIDER_MODULES.get('strava')!.create({
      clientId: '90311',
      clientSecret: 'strava-bf-secret',
      baseUrls: strava.baseUrls,
      pollIntervalMs: 5,
      requestTimeoutMs,
    });
  }

  const cases = Object.entries(MATRIX).flatMap(([provider, expectations]) =>
    Object.entries(expectations).map(([fault, expected]) => ({
      provider: provider as keyof typeof BACKFILL_SOURCES,
      fault: fault as FaultName,
      expected,
    })),
  );

  it.each(cases)('$provider × $fault', async ({ provider, fault, expected }) => {
    const faultCase: FaultCase = FAULTS[fault];
    const clock = new TestClock(T0);
    clockRef.current = clock;
    const requestTimeoutMs = faultCase.requestTimeoutMs ?? 5_000;
    const destinationAthlete = athletes.shift()!;
    const ctx: SourceContext = {
      clock,
      strava,
      stravaBundle: stravaBundle(requestTimeoutMs),
      spareStravaAthlete: provider === 'strava' ? athletes.shift()! : -1,
      requestTimeoutMs,
    };
    const source = await BACKFILL_SOURCES[provider](ctx);
    try {
      for (const [index, daysAgo] of [2, 9, 16].entries()) {
        const [workout] = generateWorkouts({
          seed: 700 + index,
          count: 1,
          provider: source.provider,
          endBefore: new Date(T0 - daysAgo * DAY),
        });
        await source.add(summaryOnly(workout!));
      }
      faultCase.before?.(source);
      const user = await bed.store.createUser({
        email: `${provider}-${fault}@example.org`,
        passwordHash: 'h',
      });
      const from = await connectAccount(bed, user.id, source.provider, source.bundle, source.account);
      const to = await connectAccount(bed, user.id, 'strava', ctx.stravaBundle, String(destinationAthlete));
      const rule = await bed.store.createRule(ruleInput({ user }, from, to));
      await faultCase.apply(source, clock);

      const queue = steppingWorker({
        bed,
        clock,
        providers: new Map([
          [source.provider, source.bundle],
          ['strava', ctx.stravaBundle],
        ]),
        attempts: ATTEMPTS,
        maxStalledExecutions: MAX_STALLS,
      });
      const { backfill } = await startBackfill(
        {
          store: bed.store,
          queue,
          factsOf: (id) => PROVIDER_MODULES.get(id)?.facts,
          now: clock.date,
        },
        { ruleId: rule.id, userId: user.id, from: new Date(T0 - CHUNKS * 7 * DAY), to: new Date(T0) },
      );
      expect(backfill.progress.chunks.total).toBe(CHUNKS);

      const executions = await queue.drain(MAX_EXECUTIONS + 1);
      const done = await bed.store.getBackfill(backfill.id);
      const chunks = await bed.store.listBackfillChunks(backfill.id);
      const outcomes = chunks.map((c) =>
        c.status === 'done' ? 'done' : `${c.status}:${c.reason?.code ?? '-'}`,
      );
      const notices = (await bed.store.listNotifications({ userId: user.id })).filter(
        (n) => n.kind === 'backfill_incomplete',
      );
      results.push(
        `${provider.padEnd(14)} ${fault.padEnd(15)} ${String(done?.status).padEnd(10)} ${String(executions).padStart(3)} ${outcomes.join(' ')} ${notices.map((n) => `${n.code}${n.permission ? `(${n.permission})` : ''}`).join(',')}`,
      );

      if (faultCase.fired) expect(faultCase.fired(source.faults.stats()), 'the fault fired').toBe(true);
      expect(executions, 'job executions').toBeLessThanOrEqual(MAX_EXECUTIONS);
      expect(await queue.counts()).toMatchObject({ waiting: 0 });
      expect(await bed.store.listUnfinishedRuns()).toEqual([]);
      expect({ status: done?.status, chunks: outcomes }).toEqual({
        status: expected.status,
        chunks: expected.chunks,
      });
      if (expected.status === 'succeeded') expect(notices).toEqual([]);
      else {
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatchObject({
          backfillId: backfill.id,
          code: done?.reason?.code,
          permission: expected.permission ?? null,
        });
      }
    } finally {
      await source.close();
      strava.faults.clear();
    }
  });
});
