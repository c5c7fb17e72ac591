import { createNotificationDispatcher } from '../notifications/dispatch/notification-dispatcher.js';
import { createInboxNotifier } from '../notifications/inbox/inbox-notifier.js';
import { randomBytes } from 'node:crypto';
import type { Workout } from '@syncwell/core';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { createLedgerHash } from '../runtime/ledger-hash.js';
import type { ConflictStrategy, RuleRow, RunRow } from '../store/port.js';
import { createSyncRunHandler } from './sync-run-handler.js';

/*
 * Issue 4 item 5 through real provider clients and simulators (Polar → Strava, the worker's
 * handler, SQLite): a workout already on Strava is not uploaded again, and one that differs
 * becomes a conflict that the user resolves and the next run applies.
 */

interface World {
  readonly polarSim: PolarSimulator;
  readonly stravaSim: StravaSimulator;
  readonly bed: TestBed;
  readonly rule: RuleRow;
  /** Polar's workouts as the simulator holds them (canonical). */
  readonly polarWorkouts: readonly Workout[];
  readonly stravaAthlete: number;
  runOnce(): Promise<{ run: RunRow; codes: string[] }>;
  close(): Promise<void>;
}

async function buildWorld(strategy: ConflictStrategy): Promise<World> {
  const [polarSim, stravaSim] = await Promise.all([
    startPolarSimulator({ ...POLAR_CLIENT, seed: 41, athletes: 1, workoutsPerAthlete: 2 }),
    startStravaSimulator({ ...STRAVA_CLIENT, seed: 42, athletes: 1, uploadProcessingMs: 5 }),
  ]);
  const bed = await openTestBed();
  const polarBundle = bundleFor('polar', polarSim, POLAR_CLIENT, { requestTimeoutMs: 5_000 });
  const stravaBundle = bundleFor('strava', stravaSim, STRAVA_CLIENT, { requestTimeoutMs: 5_000 });
  const { rule } = await connectRule(
    bed,
    { provider: 'polar', bundle: polarBundle },
    { provider: 'strava', bundle: stravaBundle },
    { conflictStrategy: strategy },
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
    notifier: createNotificationDispatcher({
      store: bed.store,
      inbox: createInboxNotifier(bed.store),
      channels: new Set(),
      now: () => new Date(),
    }),
  });
  const athlete = polarSim.athletes[0]?.id ?? 0;
  return {
    polarSim,
    stravaSim,
    bed,
    rule,
    polarWorkouts: polarSim.exercisesOf(athlete).map((e) => e.workout),
    stravaAthlete: stravaSim.athletes[0]?.id ?? 0,
    async runOnce() {
      const created = await bed.store.createRun({ ruleId: rule.id, userId: bed.user.id, trigger: 'manual' });
      const payload = { runId: created.id };
      await handler({
        id: created.id,
        name: 'sync-run',
        payload,
        priority: 'manual',
        attempt: 1,
        maxAttempts: 1,
      });
      const run = await bed.store.getRun(created.id);
      if (run === null) throw new Error('run vanished');
      const items = await bed.store.listRunItems(run.id);
      return { run, codes: items.map((i) => i.code).sort() };
    },
    async close() {
      await Promise.all([polarSim.close(), stravaSim.close()]);
      await bed.cleanup();
    },
  };
}

describe('conflicts end to end (Polar → Strava)', () => {
  let w: World;
  afterEach(async () => {
    await w.close();
  });

  describe('the workout is already on Strava', () => {
    beforeEach(async () => {
      w = await buildWorld('source_wins');
    });

    it('the first sync writes no duplicate, and records the existing activity', async () => {
      const [existing] = w.polarWorkouts;
      if (existing === undefined) throw new Error('expected Polar workouts');
      const activity = w.stravaSim.addActivity(w.stravaAthlete, existing);
      const { run, codes } = await w.runOnce();
      expect(run.status).toBe('succeeded');
      expect(codes).toEqual(['SW_ITEM_DUPLICATE_AT_DESTINATION', 'SW_ITEM_WRITTEN']);
      expect(w.stravaSim.activitiesOf(w.stravaAthlete)).toHaveLength(2);
      const items = await w.bed.store.listRunItems(run.id);
      expect(items.find((i) => i.code === 'SW_ITEM_DUPLICATE_AT_DESTINATION')?.destinationId).toBe(
        String(activity.id),
      );
      const again = await w.runOnce();
      expect(again.run.counts.written).toBe(0);
      expect(w.stravaSim.activitiesOf(w.stravaAthlete)).toHaveLength(2);
    });
  });

  describe('a different workout in the same slot, strategy "ask"', () => {
    beforeEach(async () => {
      w = await buildWorld('ask');
    });

    it('stores a descriptor, and the next run after "resolve" applies the choice', async () => {
      const [existing] = w.polarWorkouts;
      if (existing?.distance === undefined) throw new Error('expected a Polar workout with a distance');
      // Same start, sport and duration; half again the distance: the same slot, different values.
      const differing = {
        ...existing,
        distance: { value: existing.distance.value * 1.5, unit: 'm' as const },
      };
      const activity = w.stravaSim.addActivity(w.stravaAthlete, differing);

      const first = await w.runOnce();
      expect(first.run.status).toBe('succeeded');
      expect(first.codes).toEqual(['SW_ITEM_CONFLICT_PENDING', 'SW_ITEM_WRITTEN']);
      expect(w.stravaSim.activitiesOf(w.stravaAthlete)).toHaveLength(2);
      const [conflict] = await w.bed.store.listConflicts({ userId: w.bed.user.id });
      expect(conflict).toMatchObject({
        ruleId: w.rule.id,
        dataType: 'workout',
        destinationId: String(activity.id),
        status: 'open',
      });
      if (conflict === undefined) throw new Error('expected a conflict');
      // The user hears that a conflict waits for them, once.
      const inbox = await w.bed.store.listNotifications({ userId: w.bed.user.id });
      expect(inbox.map((n) => [n.kind, n.ruleId])).toEqual([['conflict_waiting', w.rule.id]]);

      expect(await w.bed.store.resolveConflict(conflict.id, w.bed.user.id, 'destination')).toMatchObject({
        status: 'resolved',
      });
      const second = await w.runOnce();
      expect(second.codes).toEqual(['SW_ITEM_CONFLICT_DESTINATION_KEPT']);
      expect((await w.bed.store.getConflict(conflict.id))?.status).toBe('applied');
      expect(w.stravaSim.activitiesOf(w.stravaAthlete)).toHaveLength(2);
      const third = await w.runOnce();
      expect(third.run.counts.read).toBe(0);
    });

    // Strava refuses an upload starting within ±60 s of an activity ("duplicate of"), so "source"
    // cannot add a second activity in the same slot there: the engine counts Strava's answer as
    // the existing activity (DESIGN §5) and says so in the item's code; the conflict is closed.
    it('"source" re-reads the Polar workout by its slot and uploads it; Strava answers "duplicate of"', async () => {
      const [existing] = w.polarWorkouts;
      if (existing?.distance === undefined) throw new Error('expected a Polar workout with a distance');
      const differing = {
        ...existing,
        distance: { value: existing.distance.value * 1.5, unit: 'm' as const },
      };
      w.stravaSim.addActivity(w.stravaAthlete, differing);
      await w.runOnce();
      const [conflict] = await w.bed.store.listConflicts({ userId: w.bed.user.id, status: 'open' });
      if (conflict === undefined) throw new Error('expected a conflict');
      await w.bed.store.resolveConflict(conflict.id, w.bed.user.id, 'source');

      const second = await w.runOnce();
      expect(second.codes).toEqual(['SW_ITEM_DUPLICATE_AT_DESTINATION']);
      expect((await w.bed.store.getConflict(conflict.id))?.status).toBe('applied');
      expect(w.stravaSim.activitiesOf(w.stravaAthlete)).toHaveLength(2);
      expect((await w.runOnce()).run.counts.written).toBe(0);
    });
  });
});
