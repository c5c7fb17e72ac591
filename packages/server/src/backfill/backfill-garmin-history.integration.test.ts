import type { Workout } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { generateWorkouts, startStravaSimulator, type StravaSimulator } from '@syncwell/testbed';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBed, ruleInput, type TestBed } from '../connections/connection-test-support.js';
import { RunDispatcher } from '../scheduler/run-dispatcher.js';
import type { ConnectionRow, RuleRow } from '../store/port.js';
import { BACKFILL_SOURCES, type BackfillSource } from './backfill-matrix-test-support.js';
import { startBackfill } from './backfill-starter.js';
import { TestClock, connectAccount, steppingWorker, type SteppingQueue } from './backfill-test-support.js';

/*
 * Issue 8 §3, the reported case: a Garmin rule whose user has not granted HISTORICAL_DATA_EXPORT
 * backfilled forever. Each execution of a chunk started again at its first page, which asked
 * Garmin for the history again (another skipped SW_PROVIDER_FORBIDDEN item) and spent the
 * backfill lane's budget on pages already read; the next page then waited for budget (a delay,
 * which spends no attempt), and the execution after the wait started over. The refusal itself
 * ended nothing and told no one. Now a chunk resumes at its checkpoint, its refusal ends it
 * with the reason, the chunks after it stop, and the user is told which permission to grant.
 */

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 14, 12, 0, 0);
const FORBIDDEN = { code: 'SW_PROVIDER_FORBIDDEN', permission: 'HISTORICAL_DATA_EXPORT' };

function summaryOnly(workout: Workout): Workout {
  const { track: _track, ...rest } = workout;
  return { ...rest, laps: [] };
}

describe('a Garmin backfill without HISTORICAL_DATA_EXPORT', () => {
  let clock: TestClock;
  let strava: StravaSimulator;
  let garmin: BackfillSource;
  let bed: TestBed;
  let source: ConnectionRow;
  let rule: RuleRow;
  let worker: () => SteppingQueue;

  beforeEach(async () => {
    clock = new TestClock(T0);
    strava = await startStravaSimulator({
      clientId: '90411',
      clientSecret: 'strava-secret',
      seed: 3,
      athletes: 1,
      uploadProcessingMs: 1,
    });
    const stravaBundle = PROVIDER_MODULES.get('strava')!.create({
      clientId: '90411',
      clientSecret: 'strava-secret',
      baseUrls: strava.baseUrls,
      pollIntervalMs: 5,
    });
    garmin = await BACKFILL_SOURCES.garmin({
      clock,
      strava,
      stravaBundle,
      spareStravaAthlete: -1,
      requestTimeoutMs: 5_000,
    });
    for (const [index, daysAgo] of [2, 9, 16].entries()) {
      const endBefore = new Date(T0 - daysAgo * DAY);
      const [workout] = generateWorkouts({ seed: 800 + index, count: 1, provider: 'garmin', endBefore });
      await garmin.add(summaryOnly(workout!));
    }
    await garmin.withdrawConsent?.();
    bed = await openTestBed({ now: clock.now });
    source = await connectAccount(bed, bed.user.id, 'garmin', garmin.bundle, garmin.account);
    const destination = await connectAccount(
      bed,
      bed.user.id,
      'strava',
      stravaBundle,
      String(strava.athletes[0]!.id),
    );
    rule = await bed.store.createRule(ruleInput(bed, source, destination));
    const providers = new Map([
      ['garmin', garmin.bundle],
      ['strava', stravaBundle],
    ] as const);
    worker = () => steppingWorker({ bed, clock, providers, attempts: 3, maxStalledExecutions: 100 });
  });

  afterEach(async () => {
    await garmin.close();
    await strava.close();
    await bed.cleanup();
  });

  const start = (queue: SteppingQueue) =>
    startBackfill(
      { store: bed.store, queue, factsOf: (id) => PROVIDER_MODULES.get(id)?.facts, now: clock.date },
      { ruleId: rule.id, userId: bed.user.id, from: new Date(T0 - 21 * DAY), to: new Date(T0) },
    );

  it('ends partial in bounded executions, across a restart, and tells the user which permission', async () => {
    let queue = worker();
    const { backfill } = await start(queue);
    expect(backfill.progress.chunks.total).toBe(3);
    // A few executions, then the process dies; the next one's sweep gives the runs their jobs.
    let executions = await queue.drain(6);
    queue = worker();
    expect(await new RunDispatcher(bed.store, queue).requeueUnfinished()).toBe(1);
    executions += await queue.drain(60);

    // Garmin reads a 7-day chunk as day-long upload windows: about 8 pages, one per execution
    // while the backfill lane's budget refills. Before the fix this never ended.
    expect(executions).toBeLessThanOrEqual(30);
    const done = await bed.store.getBackfill(backfill.id);
    expect(done).toMatchObject({
      status: 'partial',
      reason: FORBIDDEN,
      progress: { chunks: { done: 1, partial: 1, failed: 1, pending: 0, running: 0 } },
    });
    const chunks = await bed.store.listBackfillChunks(backfill.id);
    expect(chunks.map((c) => [c.status, c.reason])).toEqual([
      ['done', null],
      ['partial', FORBIDDEN],
      ['failed', FORBIDDEN],
    ]);
    // The history was asked for (and refused) once, not once per execution.
    const runs = await bed.store.listRuns({ userId: bed.user.id, backfillId: backfill.id });
    const items = (await Promise.all(runs.map((r) => bed.store.listRunItems(r.id)))).flat();
    expect(items.filter((i) => i.code === 'SW_PROVIDER_FORBIDDEN')).toHaveLength(1);
    // The refused chunk still read what Garmin serves by pull (uploads of the last 7 days that
    // start in its window); the stopped one read nothing.
    expect(strava.activitiesOf(strava.athletes[0]!.id)).toHaveLength(2);
    expect(await bed.store.listUnfinishedRuns()).toEqual([]);

    const notices = await bed.store.listNotifications({ userId: bed.user.id });
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'backfill_incomplete',
        code: 'SW_PROVIDER_FORBIDDEN',
        permission: 'HISTORICAL_DATA_EXPORT',
        connectionId: source.id,
        ruleId: rule.id,
        backfillId: backfill.id,
      }),
    ]);
    // A refused part of the history is not a broken connection: it stays active.
    expect((await bed.store.getConnection(source.id))?.status).toBe('active');
  });

  it('once the permission is granted, a new backfill reads what the first one missed, and nothing twice', async () => {
    let queue = worker();
    await start(queue);
    await queue.drain(200);
    await garmin.grantConsent?.();
    queue = worker();
    const { backfill, created } = await start(queue);
    expect(created).toBe(true);
    // The clean chunk is not read again; the partial and the stopped one are.
    expect(backfill.progress.chunks.total).toBe(2);
    await queue.drain(200);
    expect(await bed.store.getBackfill(backfill.id)).toMatchObject({ status: 'succeeded', reason: null });
    expect(strava.activitiesOf(strava.athletes[0]!.id)).toHaveLength(3);
  });
});
