import { randomBytes } from 'node:crypto';
import { SyncWellError, type ErrorCode } from '@syncwell/core';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshRegistry } from '../connections/connection-session.js';
import {
  POLAR_CLIENT,
  STRAVA_CLIENT,
  openTestBed,
  type TestBed,
  bundleFor,
  connectRule,
} from '../connections/connection-test-support.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import { DelayJobError, type JobHandler, type JobQueue, type QueueJob } from '../queue/port.js';
import { createLedgerHash } from '../runtime/ledger-hash.js';
import { RunDispatcher } from '../scheduler/run-dispatcher.js';
import type { ConnectionRow, RuleRow, RunRow } from '../store/port.js';
import { createSyncRunHandler } from './sync-run-handler.js';

/*
 * Issue 4 item 11: every simulator fault, driven through a real sync run (Polar → Strava rule,
 * real worker handler, memory queue, SQLite store), ends in the state DESIGN §4 documents.
 * Retry delays are 1–5 ms and the timeout tests give up after 300 ms, so the file stays fast.
 */

const WORKOUTS = 2;
// Generous by default: the simulator encodes a FIT with a GPS track per request, which takes a
// few hundred ms on a busy 2-core box. The timeout tests use a short one.
const REQUEST_TIMEOUT_MS = 2_000;
const SHORT_REQUEST_TIMEOUT_MS = 300;
const ATTEMPTS = 4;
// At 30 %, this seed fails the first attempt (a 502 on a FIT) and lets the second through.
const SEED_5XX = 6;
// Fixed Polar time, so its quota window (and so a 429's Retry-After) is known: 10 min to reset.
const POLAR_NOW = Date.UTC(2026, 0, 15, 8, 5, 0);

/** One handler call as the queue saw it. */
type Attempt =
  | { readonly attempt: number; readonly outcome: 'done' }
  | { readonly attempt: number; readonly outcome: 'delayed'; readonly delayMs: number }
  | { readonly attempt: number; readonly outcome: 'threw'; readonly code: ErrorCode | 'unknown' };

interface World {
  readonly polarSim: PolarSimulator;
  readonly stravaSim: StravaSimulator;
  readonly bed: TestBed;
  readonly polar: ConnectionRow;
  readonly strava: ConnectionRow;
  readonly rule: RuleRow;
  readonly handler: JobHandler;
  readonly queue: JobQueue;
  readonly attempts: Attempt[];
  /** Dispatches a run (row first, then job) and starts the worker on the memory queue. */
  dispatch(): Promise<RunRow>;
  reload(run: RunRow): Promise<RunRow>;
  settled(run: RunRow): Promise<RunRow>;
  itemCodes(run: RunRow): Promise<string[]>;
  close(): Promise<void>;
}

/** Records what each attempt did, then lets the queue see the same outcome. */
function recording(handler: JobHandler, attempts: Attempt[]): JobHandler {
  return async (job: QueueJob) => {
    try {
      await handler(job);
      attempts.push({ attempt: job.attempt, outcome: 'done' });
    } catch (error) {
      attempts.push(
        error instanceof DelayJobError
          ? { attempt: job.attempt, outcome: 'delayed', delayMs: error.delayMs }
          : {
              attempt: job.attempt,
              outcome: 'threw',
              code: error instanceof SyncWellError ? error.code : 'unknown',
            },
      );
      throw error;
    }
  };
}

async function buildWorld(requestTimeoutMs = REQUEST_TIMEOUT_MS): Promise<World> {
  const [polarSim, stravaSim] = await Promise.all([
    startPolarSimulator({
      ...POLAR_CLIENT,
      seed: 31,
      athletes: 1,
      workoutsPerAthlete: WORKOUTS,
      now: () => POLAR_NOW,
    }),
    startStravaSimulator({ ...STRAVA_CLIENT, seed: 32, athletes: 1, uploadProcessingMs: 5 }),
  ]);
  const bed = await openTestBed();
  const polarBundle = bundleFor('polar', polarSim, POLAR_CLIENT, { requestTimeoutMs });
  const stravaBundle = bundleFor('strava', stravaSim, STRAVA_CLIENT, { requestTimeoutMs });
  const {
    source: polar,
    destination: strava,
    rule,
  } = await connectRule(
    bed,
    { provider: 'polar', bundle: polarBundle },
    { provider: 'strava', bundle: stravaBundle },
  );
  const handler = createSyncRunHandler({
    store: bed.store,
    vault: bed.vault,
    coordination: new MemoryCoordination(),
    providers: new Map([
      ['polar', polarBundle],
      ['strava', stravaBundle],
    ]),
    ledgerHash: createLedgerHash(randomBytes(32)),
    refreshes: new RefreshRegistry(),
    logger: pino({ level: 'silent' }),
    tokenRefreshMarginMs: 1_000,
  });
  const queue = createMemoryQueue({ retry: { attempts: ATTEMPTS, baseMs: 1, capMs: 5 } });
  const attempts: Attempt[] = [];
  const reload = async (run: RunRow): Promise<RunRow> => {
    const row = await bed.store.getRun(run.id);
    if (row === null) throw new Error('run vanished');
    return row;
  };
  return {
    polarSim,
    stravaSim,
    bed,
    polar,
    strava,
    rule,
    handler,
    queue,
    attempts,
    dispatch: async () => {
      const { run } = await new RunDispatcher(bed.store, queue).dispatch(rule.id, bed.user.id, 'manual');
      queue.process(recording(handler, attempts), { concurrency: 1 });
      return run;
    },
    reload,
    settled: async (run) => {
      await vi.waitFor(
        async () => {
          const row = await reload(run);
          expect(['succeeded', 'partial', 'failed']).toContain(row.status);
          expect((await queue.counts()).active).toBe(0);
        },
        { timeout: 10_000, interval: 10 },
      );
      return reload(run);
    },
    itemCodes: async (run) => (await bed.store.listRunItems(run.id)).map((item) => item.code).sort(),
    close: async () => {
      await queue.close(1_000);
      await Promise.all([polarSim.close(), stravaSim.close()]);
      await bed.cleanup();
    },
  };
}

const statusOf = async (w: World, connection: ConnectionRow) =>
  (await w.bed.store.getConnection(connection.id))?.status;

describe('simulator faults end in the documented state', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('latency: the run succeeds, only slower', async () => {
    w.polarSim.faults.set({ latencyMs: { min: 5, max: 25 }, scope: 'both', seed: 3 });
    w.stravaSim.faults.set({ latencyMs: 10 });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'succeeded', errorCode: null });
    expect(run.counts.written).toBe(WORKOUTS);
    expect(w.polarSim.faults.stats().delayed).toBeGreaterThan(0);
    expect(w.stravaSim.faults.stats().delayed).toBeGreaterThan(0);
    expect(w.attempts).toEqual([{ attempt: 1, outcome: 'done' }]);
  });

  it('5xx rate: failed attempts are retried and the run succeeds', async () => {
    w.polarSim.faults.set({ errorRate5xx: { rate: 0.3, status: 502 }, seed: SEED_5XX });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'succeeded', errorCode: null });
    expect(run.counts.written).toBe(WORKOUTS);
    expect(w.attempts[0]).toEqual({ attempt: 1, outcome: 'threw', code: 'SW_PROVIDER_UNAVAILABLE' });
    expect(w.attempts.at(-1)?.outcome).toBe('done');
    expect(w.polarSim.faults.stats().serverErrors).toBeGreaterThan(0);
    expect((await w.queue.counts()).deadLettered).toBe(0);
  });

  it('5xx at 100 %: every attempt retried, then dead letter and the run failed SW_PROVIDER_UNAVAILABLE', async () => {
    w.polarSim.faults.set({ errorRate5xx: 1 });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_UNAVAILABLE' });
    expect(w.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    const [dead] = await w.queue.deadLetters();
    expect(dead).toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE', job: { id: run.id, attempt: ATTEMPTS } });
  });

  it("429 storm: the job is delayed by Polar's reset, never failed, and runs once the storm ends", async () => {
    w.polarSim.faults.set({ rateLimitStorm: { durationMs: 60_000 } });
    const dispatched = await w.dispatch();
    await vi.waitFor(async () => expect((await w.queue.counts()).delayed).toBe(1), { timeout: 5_000 });
    // 08:05:00 → Polar's quarter-hour window resets at 08:15:00.
    expect(w.attempts).toEqual([{ attempt: 1, outcome: 'delayed', delayMs: 10 * 60_000 }]);
    expect(await w.reload(dispatched)).toMatchObject({ status: 'running', errorCode: null });
    expect((await w.queue.counts()).deadLettered).toBe(0);
    expect(await statusOf(w, w.polar)).toBe('active');

    // The delayed job would wake in 10 min; run its next delivery by hand after the storm.
    w.polarSim.faults.clear();
    await w.handler({
      id: dispatched.id,
      name: 'sync-run',
      payload: { runId: dispatched.id, ruleId: dispatched.ruleId },
      priority: 'manual',
      attempt: 1,
      maxAttempts: 3,
    });
    expect(await w.reload(dispatched)).toMatchObject({ status: 'succeeded', errorCode: null });
  });

  it('429 storm at the destination: Strava sends no Retry-After, so the job waits for the next quarter hour', async () => {
    w.stravaSim.faults.set({ rateLimitStorm: { count: 50 } });
    const dispatched = await w.dispatch();
    await vi.waitFor(async () => expect((await w.queue.counts()).delayed).toBe(1), { timeout: 5_000 });
    const [first] = w.attempts;
    expect(first?.outcome).toBe('delayed');
    const delayMs = first?.outcome === 'delayed' ? first.delayMs : 0;
    expect(delayMs).toBeGreaterThan(0);
    expect(delayMs).toBeLessThanOrEqual(15 * 60_000);
    expect((await w.reload(dispatched)).status).toBe('running');
    expect(await statusOf(w, w.strava)).toBe('active');
  });

  it('expiring token: the destination token is refreshed once and the run succeeds', async () => {
    w.stravaSim.faults.set({ expireTokensAfterMs: 60_000 });
    w.stravaSim.advanceClock(2 * 60_000); // the connect-time token is now past its (shortened) life
    w.stravaSim.requestLog.clear();
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'succeeded', errorCode: null });
    expect(run.counts.written).toBe(WORKOUTS);
    expect(w.stravaSim.requestLog.count({ grantType: 'refresh_token' })).toBe(1);
    expect(w.stravaSim.requestLog.count({ status: 401 })).toBeGreaterThan(0);
    expect(await statusOf(w, w.strava)).toBe('active');
  });

  it('invalid_grant: the connection needs re-auth and the run fails SW_PROVIDER_AUTH_REVOKED without retry', async () => {
    w.stravaSim.faults.set({ expireTokensAfterMs: 60_000, invalidGrant: true });
    w.stravaSim.advanceClock(2 * 60_000);
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_AUTH_REVOKED' });
    expect(await statusOf(w, w.strava)).toBe('needs_reauth');
    expect(await statusOf(w, w.polar)).toBe('active');
    expect(w.attempts).toEqual([{ attempt: 1, outcome: 'done' }]); // settled, not retried
    expect(w.stravaSim.faults.stats().refusedRefreshes).toBe(1);
    expect(await w.queue.counts()).toMatchObject({ waiting: 0, delayed: 0, deadLettered: 0 });
  });

  it('malformed list item: that exercise is skipped SW_ITEM_INVALID_PAYLOAD, the rest written', async () => {
    w.polarSim.faults.set({ malformedPayload: { share: 0.5, target: 'items' } });
    const run = await w.settled(await w.dispatch());
    // A record that never arrives makes the run partial: never "synced" for data that did not come.
    expect(run).toMatchObject({ status: 'partial', errorCode: null });
    expect(run.counts).toMatchObject({ written: 1, skipped: 1, failed: 0 });
    expect(await w.itemCodes(run)).toEqual(['SW_ITEM_INVALID_PAYLOAD', 'SW_ITEM_WRITTEN']);
    expect(w.stravaSim.activitiesOf(w.stravaSim.athletes[0]?.id ?? 0)).toHaveLength(1);
  });

  it('corrupt FIT file: that exercise is skipped SW_ITEM_CORRUPT_FILE, the rest written', async () => {
    w.polarSim.faults.set({ malformedPayload: { share: 0.5, target: 'files' } });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'partial', errorCode: null });
    expect(run.counts).toMatchObject({ written: 1, skipped: 1, failed: 0 });
    expect(await w.itemCodes(run)).toEqual(['SW_ITEM_CORRUPT_FILE', 'SW_ITEM_WRITTEN']);
    expect(w.polarSim.faults.stats().corruptedFiles).toBe(1);
  });

  it('410 Gone: the source connection needs re-auth and the run fails SW_PROVIDER_GONE without retry', async () => {
    w.polarSim.faults.set({ gone410: true });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_GONE' });
    expect(await statusOf(w, w.polar)).toBe('needs_reauth');
    expect(await statusOf(w, w.strava)).toBe('active');
    expect(w.attempts).toEqual([{ attempt: 1, outcome: 'done' }]);
    expect((await w.queue.counts()).deadLettered).toBe(0);
  });
});

describe('the timeout fault, with a client that gives up after 300 ms', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld(SHORT_REQUEST_TIMEOUT_MS);
  });
  afterEach(async () => {
    await w.close();
  });

  it('timeout: SW_PROVIDER_TIMEOUT is retried and the run succeeds', async () => {
    w.polarSim.faults.set({ timeout: { count: 1, holdMs: 3_000 } });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'succeeded', errorCode: null });
    expect(w.attempts[0]).toEqual({ attempt: 1, outcome: 'threw', code: 'SW_PROVIDER_TIMEOUT' });
    expect(w.attempts.at(-1)?.outcome).toBe('done');
    // The server holds the call for 3 s and then answers 504 (SW_PROVIDER_UNAVAILABLE), so
    // SW_PROVIDER_TIMEOUT on the first attempt proves the client gave up on its own 300 ms
    // timeout (no wall-clock assertion: those flake on a busy machine).
    expect(w.polarSim.faults.stats().timedOut).toBe(1);
  });

  it('timeout on every call: dead letter after the last attempt, run failed SW_PROVIDER_TIMEOUT', async () => {
    w.polarSim.faults.set({ timeout: { holdMs: 1_000 } });
    const run = await w.settled(await w.dispatch());
    expect(run).toMatchObject({ status: 'failed', errorCode: 'SW_PROVIDER_TIMEOUT' });
    expect(w.attempts.map((a) => a.outcome)).toEqual(Array(ATTEMPTS).fill('threw'));
    expect((await w.queue.counts()).deadLettered).toBe(1);
  });
});
