import { randomBytes } from 'node:crypto';
import { ProviderError, type ProviderBundle, type ProviderId } from '@syncwell/core';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshRegistry } from '../connections/connection-session.js';
import {
  POLAR_CLIENT,
  STRAVA_CLIENT,
  bundleFor,
  openTestBed,
  type TestBed,
  connectRule,
} from '../connections/connection-test-support.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import { createInboxNotifier } from '../notifications/inbox/inbox-notifier.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import { DelayJobError, type JobHandler, type QueueJob } from '../queue/port.js';
import { createLedgerHash } from '../runtime/ledger-hash.js';
import { RunDispatcher } from '../scheduler/run-dispatcher.js';
import type { ConnectionRow, MetadataStore, RuleRow, RunRow } from '../store/port.js';
import { createSyncRunHandler } from './sync-run-handler.js';

const WORKOUTS = 2;
// Fixed simulator time, so Polar's quota window (and so its Retry-After) is known: 10 min left.
const POLAR_NOW = Date.UTC(2026, 0, 15, 8, 5, 0);

let polarSim: PolarSimulator;
let limitedPolarSim: PolarSimulator;
let stravaSim: StravaSimulator;

beforeAll(async () => {
  [polarSim, limitedPolarSim, stravaSim] = await Promise.all([
    startPolarSimulator({ ...POLAR_CLIENT, seed: 21, athletes: 1, workoutsPerAthlete: WORKOUTS }),
    // One call per quarter hour: the registration at connect time spends it.
    startPolarSimulator({
      ...POLAR_CLIENT,
      seed: 22,
      athletes: 1,
      workoutsPerAthlete: WORKOUTS,
      quota: { shortBase: 1, shortPerUser: 0 },
      now: () => POLAR_NOW,
    }),
    startStravaSimulator({
      ...STRAVA_CLIENT,
      seed: 23,
      athletes: 1,
      activitiesPerAthlete: 0,
      uploadProcessingMs: 5,
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([polarSim.close(), limitedPolarSim.close(), stravaSim.close()]);
});

interface World {
  readonly bed: TestBed;
  readonly polar: ConnectionRow;
  readonly strava: ConnectionRow;
  readonly rule: RuleRow;
  readonly coordination: MemoryCoordination;
  readonly handler: JobHandler;
  run(): Promise<RunRow>;
  job(run: RunRow, attempt?: number, maxAttempts?: number): QueueJob;
  reload(run: RunRow): Promise<RunRow>;
  lockIsFree(): Promise<boolean>;
}

async function buildWorld(
  opts: { polar?: PolarSimulator; store?: (s: MetadataStore) => MetadataStore } = {},
) {
  const bed = await openTestBed();
  const polarBundle = bundleFor('polar', opts.polar ?? polarSim, POLAR_CLIENT);
  const stravaBundle = bundleFor('strava', stravaSim, STRAVA_CLIENT);
  const {
    source: polar,
    destination: strava,
    rule,
  } = await connectRule(
    bed,
    { provider: 'polar', bundle: polarBundle },
    { provider: 'strava', bundle: stravaBundle },
  );
  const coordination = new MemoryCoordination();
  const providers = new Map<ProviderId, ProviderBundle>([
    ['polar', polarBundle],
    ['strava', stravaBundle],
  ]);
  const handler = createSyncRunHandler({
    store: opts.store ? opts.store(bed.store) : bed.store,
    vault: bed.vault,
    coordination,
    providers,
    ledgerHash: createLedgerHash(randomBytes(32)),
    refreshes: new RefreshRegistry(),
    logger: pino({ level: 'silent' }),
    rateLimiter: coordination.rateLimiter,
    notifier: createInboxNotifier(bed.store),
  });
  const world: World = {
    bed,
    polar,
    strava,
    rule,
    coordination,
    handler,
    run: () => bed.store.createRun({ ruleId: rule.id, userId: bed.user.id, trigger: 'manual' }),
    job: (run, attempt = 1, maxAttempts = 3) => ({
      id: run.id,
      name: 'sync-run',
      payload: { runId: run.id, ruleId: run.ruleId },
      priority: 'manual',
      attempt,
      maxAttempts,
    }),
    reload: async (run) => {
      const row = await bed.store.getRun(run.id);
      if (row === null) throw new Error('run vanished');
      return row;
    },
    lockIsFree: async () => {
      const lock = await coordination.acquireLock(`rule:${rule.id}`, 1_000);
      await lock?.release();
      return lock !== null;
    },
  };
  return world;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('sync-run handler', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld();
    stravaSim.requestLog.clear();
  });
  afterEach(async () => {
    polarSim.failNext(0, 500);
    await w.bed.cleanup();
  });

  it('syncs a run end to end through the memory queue and releases the lock', async () => {
    const queue = createMemoryQueue();
    const { run } = await new RunDispatcher(w.bed.store, queue).dispatch(w.rule.id, w.bed.user.id, 'manual');
    queue.process(w.handler, { concurrency: 2 });
    await vi.waitFor(async () => expect((await w.reload(run)).status).toBe('succeeded'), { timeout: 10_000 });
    const finished = await w.reload(run);
    expect(finished.errorCode).toBeNull();
    expect(finished.counts.written).toBe(WORKOUTS);
    expect(await w.lockIsFree()).toBe(true);
    expect(await queue.counts()).toMatchObject({ waiting: 0, delayed: 0, deadLettered: 0 });
    await queue.close();
  });

  it('does nothing for the job of a finished run', async () => {
    const run = await w.run();
    await w.bed.store.finishRun(run.id, 'failed', 'SW_INTERNAL');
    const before = await w.reload(run);
    await w.handler(w.job(run));
    expect(await w.reload(run)).toEqual(before);
    expect(stravaSim.requestLog.count()).toBe(0);
  });

  it('reads the run first for a job without its rule id, and runs it', async () => {
    const run = await w.run();
    const job = w.job(run, 1, 5);
    await w.handler({ ...job, payload: { runId: run.id } });
    // Read, not written: the simulators are shared, so an earlier test may have written them already.
    expect(await w.reload(run)).toMatchObject({ status: 'succeeded', counts: { read: WORKOUTS } });
    expect(await w.lockIsFree()).toBe(true);
  });

  it("fails, without writing, a job whose rule id is not its run's (it holds the wrong lock)", async () => {
    const run = await w.run();
    const job = w.job(run, 1, 5);
    await w.handler({ ...job, payload: { runId: run.id, ruleId: w.strava.id } });
    expect(await w.reload(run)).toMatchObject({ status: 'failed', errorCode: 'SW_INTERNAL' });
    expect(stravaSim.requestLog.count()).toBe(0);
  });

  it('fails the run with SW_CONNECTION_NOT_READY, without retry, when a connection needs re-auth', async () => {
    await w.bed.store.setConnectionStatus(w.strava.id, 'needs_reauth');
    const run = await w.run();
    await w.handler(w.job(run, 1, 5)); // resolves: nothing left to retry
    expect(await w.reload(run)).toMatchObject({ status: 'failed', errorCode: 'SW_CONNECTION_NOT_READY' });
    expect(stravaSim.requestLog.count()).toBe(0);
    expect(await w.lockIsFree()).toBe(true);
  });

  it('rethrows a 5xx for retry until the last attempt, then fails the run and rethrows', async () => {
    const run = await w.run();
    polarSim.failNext(100, 503);
    const first = await rejection(w.handler(w.job(run, 1, 3)));
    expect(first).toBeInstanceOf(ProviderError);
    expect(first).toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE', status: 503 });
    expect((await w.reload(run)).status).toBe('running');
    expect(await w.lockIsFree()).toBe(true);

    await expect(w.handler(w.job(run, 2, 3))).rejects.toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE' });
    expect((await w.reload(run)).status).toBe('running');

    const last = await rejection(w.handler(w.job(run, 3, 3)));
    expect(last).toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE' });
    expect(await w.reload(run)).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_UNAVAILABLE' });
    expect(await w.lockIsFree()).toBe(true);
    // Dead-lettered: the user is told which rule stopped, with the reason code only.
    const inbox = await w.bed.store.listNotifications({ userId: w.bed.user.id });
    expect(inbox.map((n) => [n.kind, n.ruleId, n.runId, n.code])).toEqual([
      ['run_dead_lettered', w.rule.id, run.id, 'SW_PROVIDER_UNAVAILABLE'],
    ]);
  });

  it('sends a 5xx run to the dead-letter list through the memory queue', async () => {
    const queue = createMemoryQueue({ retry: { attempts: 2, baseMs: 1, capMs: 2 } });
    polarSim.failNext(100, 502);
    const { run } = await new RunDispatcher(w.bed.store, queue).dispatch(
      w.rule.id,
      w.bed.user.id,
      'scheduled',
    );
    queue.process(w.handler, { concurrency: 1 });
    await vi.waitFor(async () => expect((await queue.counts()).deadLettered).toBe(1), { timeout: 5_000 });
    const [dead] = await queue.deadLetters();
    expect(dead).toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE', job: { id: run.id, attempt: 2 } });
    expect(await w.reload(run)).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_UNAVAILABLE' });
    await queue.close();
  });

  it('marks exactly the destination needs_reauth on a 401 after refresh, and fails the run', async () => {
    // A workout Strava does not hold yet: the shared simulator keeps the first test's uploads,
    // and the engine no longer uploads what the destination already has (conflict detection).
    await polarSim.addExercise(polarSim.athletes[0]?.id ?? 0);
    stravaSim.failNext(2, 401, /\/uploads/);
    const run = await w.run();
    await w.handler(w.job(run, 1, 5));
    expect(stravaSim.requestLog.count({ grantType: 'refresh_token' })).toBe(1);
    expect(await w.reload(run)).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_AUTH_EXPIRED' });
    expect((await w.bed.store.getConnection(w.strava.id))?.status).toBe('needs_reauth');
    expect((await w.bed.store.getConnection(w.polar.id))?.status).toBe('active');
    expect(await w.lockIsFree()).toBe(true);
    const inbox = await w.bed.store.listNotifications({ userId: w.bed.user.id });
    expect(inbox.map((n) => [n.kind, n.connectionId])).toEqual([['connection_needs_reauth', w.strava.id]]);
  });

  it('delays a backfill run whose 30 % lane is spent while a manual run of the same rule goes ahead', async () => {
    const key = 'polar:app:app-15min:lane:backfill';
    await w.coordination.rateLimiter.calibrate(key, { remaining: 0, resetAt: Date.now() + 60_000 });
    const backfill = await w.bed.store.createRun({
      ruleId: w.rule.id,
      userId: w.bed.user.id,
      trigger: 'backfill',
    });
    const error = await rejection(w.handler({ ...w.job(backfill), priority: 'backfill' }));
    expect(error).toBeInstanceOf(DelayJobError);
    expect(error).toMatchObject({ code: 'SW_PROVIDER_RATE_LIMITED' });
    expect((error as DelayJobError).delayMs).toBeGreaterThan(0);
    expect((await w.reload(backfill)).status).toBe('running'); // waiting, not failed
    expect(await w.lockIsFree()).toBe(true);

    const manual = await w.run();
    await w.handler(w.job(manual));
    expect((await w.reload(manual)).status).toBe('succeeded');
  });

  it('delays (DelayJobError) while another worker holds the rule lock, then runs', async () => {
    const held = await w.coordination.acquireLock(`rule:${w.rule.id}`, 60_000);
    expect(held).not.toBeNull();
    const run = await w.run();
    const error = await rejection(w.handler(w.job(run)));
    expect(error).toBeInstanceOf(DelayJobError);
    expect(error).toMatchObject({ code: 'SW_RUN_LOCK_LOST' });
    expect((error as DelayJobError).delayMs).toBeGreaterThan(0);
    expect((await w.reload(run)).status).toBe('queued');
    // The holder's lock was not taken over or released by the refused job.
    expect(await held?.renew(60_000)).toBe(true);

    await held?.release();
    await w.handler(w.job(run));
    expect((await w.reload(run)).status).toBe('succeeded');
    expect(await w.lockIsFree()).toBe(true);
  });
});

describe('sync-run handler, scripted store and provider limits', () => {
  it('fails the run with SW_NOT_FOUND, without retry, when the rule is gone', async () => {
    // The claim finds the run but not its rule (the real cascade would also remove the run row,
    // so the window is reproduced by hiding the rule from the claim).
    const w = await buildWorld({
      store: (store) => ({
        ...store,
        claimRun: async (id) => {
          const claim = await store.claimRun(id);
          return claim === null ? null : { ...claim, rule: null };
        },
      }),
    });
    try {
      const run = await w.run();
      await w.handler(w.job(run, 1, 5));
      expect(await w.reload(run)).toMatchObject({ status: 'failed', errorCode: 'SW_NOT_FOUND' });
      expect(await w.lockIsFree()).toBe(true);
    } finally {
      await w.bed.cleanup();
    }
  });

  it('turns a provider 429 into DelayJobError(retryAfterMs) without finishing the run', async () => {
    const w = await buildWorld({ polar: limitedPolarSim });
    try {
      const run = await w.run();
      const error = await rejection(w.handler(w.job(run, 1, 1)));
      expect(error).toBeInstanceOf(DelayJobError);
      // 08:05:00 → the quarter-hour window resets at 08:15:00.
      expect((error as DelayJobError).delayMs).toBe(10 * 60_000);
      expect((await w.reload(run)).status).toBe('running');
      expect(await w.lockIsFree()).toBe(true);
    } finally {
      await w.bed.cleanup();
    }
  });
});
