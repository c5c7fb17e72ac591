import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fakeConnection,
  openTestBed,
  ruleInput,
  type TestBed,
} from '../connections/connection-test-support.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import type { JobQueue } from '../queue/port.js';
import type { ConnectionRow, MetadataStore, NewRule } from '../store/port.js';
import { RunDispatcher } from './run-dispatcher.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const MINUTE = 60_000;

describe('Scheduler', () => {
  let bed: TestBed;
  let queue: JobQueue;
  let source: ConnectionRow;
  let destination: ConnectionRow;

  beforeEach(async () => {
    bed = await openTestBed({ now: () => NOW });
    // No process(): jobs stay waiting, so counts() shows what was enqueued.
    queue = createMemoryQueue();
    source = await fakeConnection(bed, 'polar', 'p-1');
    destination = await fakeConnection(bed, 'strava', 's-1');
  });
  afterEach(async () => {
    await queue.close();
    await bed.cleanup();
  });

  const scheduler = (overrides: Partial<SchedulerOptions> = {}) =>
    new Scheduler({
      store: bed.store,
      dispatcher: new RunDispatcher(bed.store, queue),
      logger: pino({ level: 'silent' }),
      now: () => NOW,
      random: () => 0.5,
      ...overrides,
    });
  const rule = (overrides: Partial<NewRule>) =>
    bed.store.createRule(ruleInput(bed, source, destination, overrides));
  const runsOf = (ruleId: string) => bed.store.listRuns({ userId: bed.user.id, ruleId });

  it('creates a scheduled run (row and job) for each due rule and leaves the others', async () => {
    const due = await rule({ nextRunAt: new Date(NOW - MINUTE) });
    const exactlyNow = await rule({ nextRunAt: new Date(NOW) });
    const later = await rule({ nextRunAt: new Date(NOW + MINUTE) });
    const unscheduled = await rule({ nextRunAt: null });

    expect(await scheduler().tick()).toBe(2);
    for (const r of [due, exactlyNow]) {
      const runs = await runsOf(r.id);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'scheduled', status: 'queued' });
    }
    expect(await runsOf(later.id)).toHaveLength(0);
    expect(await runsOf(unscheduled.id)).toHaveLength(0);
    expect((await queue.counts()).waiting).toBe(2);
  });

  it('moves next_run_at to now + interval ± jitter, from the injected random', async () => {
    const r = await rule({ nextRunAt: new Date(NOW - 10 * MINUTE), intervalMinutes: 60 });
    await scheduler({ random: () => 0.5, jitterRatio: 0.1 }).tick();
    expect((await bed.store.getRule(r.id))?.nextRunAt?.getTime()).toBe(NOW + 60 * MINUTE);

    const s = scheduler({ jitterRatio: 0.1 });
    const interval = { intervalMinutes: 60 };
    // random() = 0 → -10 %, random() → 1 → +10 %.
    expect(
      scheduler({ random: () => 0 })
        .nextRunAt(interval, NOW)
        .getTime(),
    ).toBe(NOW + 54 * MINUTE);
    expect(
      scheduler({ random: () => 0.75 })
        .nextRunAt(interval, NOW)
        .getTime(),
    ).toBe(NOW + 63 * MINUTE);
    expect(s.nextRunAt({ intervalMinutes: 15 }, NOW).getTime()).toBe(NOW + 15 * MINUTE);
  });

  it('does not stack a run on a rule whose run is still active, but still moves its slot', async () => {
    const r = await rule({ nextRunAt: new Date(NOW - MINUTE) });
    const active = await bed.store.createRun({ ruleId: r.id, userId: bed.user.id, trigger: 'manual' });
    await bed.store.markRunRunning(active.id);

    expect(await scheduler().tick()).toBe(0);
    expect((await runsOf(r.id)).map((run) => run.id)).toEqual([active.id]);
    expect((await bed.store.getRule(r.id))?.nextRunAt?.getTime()).toBe(NOW + 60 * MINUTE);
    expect((await queue.counts()).waiting).toBe(0);
  });

  it('ignores disabled rules even when their slot has passed', async () => {
    const r = await rule({ nextRunAt: new Date(NOW - MINUTE), enabled: false });
    expect(await scheduler().tick()).toBe(0);
    expect(await runsOf(r.id)).toHaveLength(0);
    expect((await bed.store.getRule(r.id))?.nextRunAt?.getTime()).toBe(NOW - MINUTE);
  });

  it('a second tick right after the first creates nothing (the slot moved)', async () => {
    const r = await rule({ nextRunAt: new Date(NOW - MINUTE) });
    const s = scheduler();
    expect(await s.tick()).toBe(1);
    expect(await s.tick()).toBe(0);
    expect(await runsOf(r.id)).toHaveLength(1);
  });

  it('survives a failing store: the tick resolves, logs, and the next tick works', async () => {
    const r = await rule({ nextRunAt: new Date(NOW - MINUTE) });
    const errors: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    let failing = true;
    const flaky: MetadataStore = {
      ...bed.store,
      claimDueRules: (now, limit, leaseMs) =>
        failing
          ? Promise.reject(new Error('database is locked'))
          : bed.store.claimDueRules(now, limit, leaseMs),
    };
    const s = scheduler({ store: flaky, logger });
    await expect(s.tick()).resolves.toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'scheduler tick failed' });

    failing = false;
    expect(await s.tick()).toBe(1);
    expect(await runsOf(r.id)).toHaveLength(1);
  });

  it('never overlaps itself: concurrent ticks share one pass', async () => {
    await rule({ nextRunAt: new Date(NOW - MINUTE) });
    const s = scheduler();
    const [a, b] = await Promise.all([s.tick(), s.tick()]);
    expect([a, b]).toEqual([1, 1]);
    expect((await queue.counts()).waiting).toBe(1);
    await s.stop();
  });

  it('scheduler copies ticking side by side dispatch each due rule once', async () => {
    const rules = await Promise.all(
      Array.from({ length: 12 }, () => rule({ nextRunAt: new Date(NOW - MINUTE) })),
    );
    const copies = [scheduler({ batchSize: 5 }), scheduler({ batchSize: 5 }), scheduler({ batchSize: 5 })];
    const created = await Promise.all(copies.map((c) => c.tick()));
    expect(created.reduce((a, b) => a + b, 0)).toBe(12);
    for (const r of rules) expect(await runsOf(r.id)).toHaveLength(1);
  });

  it('drains more due rules than one batch holds in a single tick', async () => {
    await Promise.all(Array.from({ length: 7 }, () => rule({ nextRunAt: new Date(NOW - MINUTE) })));
    expect(await scheduler({ batchSize: 3 }).tick()).toBe(7);
  });

  it('gives stale unfinished runs their job again, but not fresh ones', async () => {
    const r = await rule({ nextRunAt: null });
    const stale = await bed.store.createRun({ ruleId: r.id, userId: bed.user.id, trigger: 'manual' });
    // The store stamps created_at with NOW; the scheduler looks from three minutes later.
    const later = scheduler({ now: () => NOW + 3 * MINUTE, staleRunMs: 2 * MINUTE });
    expect(await later.tick()).toBe(0);
    expect((await queue.counts()).waiting).toBe(1);
    expect(await scheduler({ now: () => NOW + MINUTE, staleRunMs: 2 * MINUTE }).tick()).toBe(0);
    expect((await queue.counts()).waiting).toBe(1); // deduplicated, and the fresh sweep took nothing
    expect(stale.status).toBe('queued');
  });
});
