import type { ProviderBundle, ProviderId, Workout } from '@syncwell/core';
import { PROVIDER_MODULES, createGarminModule } from '@syncwell/providers';
import {
  startGarminSimulator,
  startGoogleHealthSimulator,
  startOuraSimulator,
  startPolarSimulator,
  startWhoopSimulator,
  startWithingsSimulator,
  type FaultControls,
  type StravaSimulator,
} from '@syncwell/testbed';
import type { TestClock } from './backfill-test-support.js';

/*
 * The seven provider clouds as backfill sources for the backfill invariant matrix
 * (backfill-invariant.integration.test.ts): each simulator on the test's clock, with limits far
 * above what one case uses (the faults are what a case injects, never an accident of the order
 * cases run in), and the client that talks to it. Strava is both the destination of every rule
 * and, for "Strava → Strava", the source: there a fault hits both sides of the rule.
 */

export interface BackfillSource {
  readonly provider: ProviderId;
  readonly bundle: ProviderBundle;
  /** The account the consent page approves. */
  readonly account: string;
  readonly faults: FaultControls;
  /** Stores a workout in that account, as the provider's cloud would hold it. */
  add(workout: Workout): Promise<unknown>;
  /** Withdraws what the user granted so that reads are refused (where the provider has such a switch). */
  readonly withdrawConsent?: () => Promise<void> | void;
  /** Grants it again. */
  readonly grantConsent?: () => Promise<void> | void;
  /** Moves the simulator's clock where it is not the case's clock (Strava's runs on its own). */
  readonly advanceClock?: (ms: number) => void;
  close(): Promise<void>;
}

export interface SourceContext {
  readonly clock: TestClock;
  /** The destination simulator, shared by every case; Strava-sourced cases read from it too. */
  readonly strava: StravaSimulator;
  readonly stravaBundle: ProviderBundle;
  /** A Strava athlete no other case uses, for "Strava → Strava". */
  readonly spareStravaAthlete: number;
  readonly requestTimeoutMs: number;
}

const LOTS = 1_000_000;

/** The simulator's one seeded account (each is started with exactly one). */
function only<T>(accounts: readonly T[]): T {
  const [account] = accounts;
  if (account === undefined) throw new Error('the simulator seeded no account');
  return account;
}

export function credentials(provider: ProviderId): { clientId: string; clientSecret: string } {
  return { clientId: `syncwell-bf-${provider}`, clientSecret: `${provider}-bf-secret` };
}

function bundle(
  provider: ProviderId,
  sim: { readonly baseUrls: StravaSimulator['baseUrls'] },
  ctx: SourceContext,
): ProviderBundle {
  const module = PROVIDER_MODULES.get(provider);
  if (module === undefined) throw new Error(`no module for ${provider}`);
  return module.create({
    ...credentials(provider),
    baseUrls: sim.baseUrls,
    pollIntervalMs: 5,
    requestTimeoutMs: ctx.requestTimeoutMs,
  });
}

export const BACKFILL_SOURCES: Record<
  'polar' | 'strava' | 'google_health' | 'garmin' | 'oura' | 'withings' | 'whoop',
  (ctx: SourceContext) => Promise<BackfillSource>
> = {
  polar: async (ctx) => {
    const sim = await startPolarSimulator({
      ...credentials('polar'),
      seed: 91,
      athletes: 1,
      workoutsPerAthlete: 0,
      quota: { shortBase: LOTS, longBase: LOTS },
      now: ctx.clock.now,
    });
    const athleteId = only(sim.athletes).id;
    return {
      provider: 'polar',
      bundle: bundle('polar', sim, ctx),
      account: String(athleteId),
      faults: sim.faults,
      add: (w) => sim.addExercise(athleteId, w),
      withdrawConsent: () => sim.setConsents(athleteId, false),
      close: () => sim.close(),
    };
  },
  strava: (ctx) =>
    Promise.resolve({
      provider: 'strava',
      bundle: ctx.stravaBundle,
      account: String(ctx.spareStravaAthlete),
      faults: ctx.strava.faults,
      add: (w) => Promise.resolve(ctx.strava.addActivity(ctx.spareStravaAthlete, w)),
      advanceClock: (ms) => ctx.strava.advanceClock(ms),
      // The destination simulator outlives the case; its faults are cleared instead.
      close: () => {
        ctx.strava.faults.clear();
        return Promise.resolve();
      },
    }),
  google_health: async (ctx) => {
    const sim = await startGoogleHealthSimulator({
      ...credentials('google_health'),
      seed: 92,
      users: 1,
      workoutsPerUser: 0,
      days: 1,
      perUserPerMinute: LOTS,
      now: ctx.clock.now,
    });
    const userId = only(sim.users).healthUserId;
    return {
      provider: 'google_health',
      bundle: bundle('google_health', sim, ctx),
      account: userId,
      faults: sim.faults,
      add: (w) => sim.addExercise(userId, w),
      close: () => sim.close(),
    };
  },
  garmin: async (ctx) => {
    const sim = await startGarminSimulator({
      ...credentials('garmin'),
      seed: 93,
      users: 1,
      workoutsPerUser: 0,
      healthDays: 1,
      rateLimitPerMinute: LOTS,
      // Delivered history would arrive by push at a moment of its own; the matrix reads by pull.
      backfillDelayMs: 3_600_000,
      now: ctx.clock.now,
    });
    const userId = only(sim.users).userId;
    // Off by default at Garmin; the baseline user granted it, the consent case withdraws it.
    await sim.setPermission(userId, 'HISTORICAL_DATA_EXPORT', true);
    // The client reads upload windows up to its own now: the same clock as the simulator's.
    const module = createGarminModule({ now: ctx.clock.date, uploadSettleSeconds: 0 });
    return {
      provider: 'garmin',
      bundle: module.create({
        ...credentials('garmin'),
        baseUrls: sim.baseUrls,
        requestTimeoutMs: ctx.requestTimeoutMs,
      }),
      account: userId,
      faults: sim.faults,
      add: (w) => sim.addActivity(userId, w),
      withdrawConsent: () => sim.setPermission(userId, 'HISTORICAL_DATA_EXPORT', false),
      grantConsent: () => sim.setPermission(userId, 'HISTORICAL_DATA_EXPORT', true),
      close: () => sim.close(),
    };
  },
  oura: async (ctx) => {
    const sim = await startOuraSimulator({
      ...credentials('oura'),
      seed: 94,
      users: 1,
      historyDays: 1,
      workoutsPerUser: 0,
      rateLimits: {
        token: { limit: LOTS, windowSeconds: 300 },
        app: { limit: LOTS, windowSeconds: 300 },
      },
      now: ctx.clock.now,
    });
    const userId = only(sim.users).id;
    return {
      provider: 'oura',
      bundle: bundle('oura', sim, ctx),
      account: userId,
      faults: sim.faults,
      add: (w) => sim.addWorkout(userId, w),
      withdrawConsent: () => sim.setMembershipExpired(userId, true),
      close: () => sim.close(),
    };
  },
  withings: async (ctx) => {
    const sim = await startWithingsSimulator({
      ...credentials('withings'),
      seed: 95,
      users: 1,
      days: 1,
      workoutsPerUser: 0,
      requestsPerMinute: LOTS,
      now: ctx.clock.now,
    });
    const userId = only(sim.users).userid;
    return {
      provider: 'withings',
      bundle: bundle('withings', sim, ctx),
      account: String(userId),
      faults: sim.faults,
      add: (w) => Promise.resolve(sim.addWorkout(userId, w)),
      withdrawConsent: () => sim.unlink(userId),
      close: () => sim.close(),
    };
  },
  whoop: async (ctx) => {
    const sim = await startWhoopSimulator({
      ...credentials('whoop'),
      seed: 96,
      users: 1,
      days: 1,
      workoutsPerUser: 0,
      quota: { perMinute: LOTS, perDay: LOTS },
      now: ctx.clock.now,
    });
    const userId = only(sim.users).id;
    return {
      provider: 'whoop',
      bundle: bundle('whoop', sim, ctx),
      account: String(userId),
      faults: sim.faults,
      add: (w) => sim.addWorkout(userId, w),
      close: () => sim.close(),
    };
  },
};
