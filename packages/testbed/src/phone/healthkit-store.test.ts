import { describe, expect, it } from 'vitest';
import { DAY_MS, ManualPhoneClock } from './phone-clock.js';
import { HKAuthorizationDeniedError, HKInvalidArgumentError, SimulatedHealthKit } from './healthkit-store.js';
import { HK_ACTIVITY, type HKSampleInput } from './healthkit-types.js';

const SYNCWELL = { bundleId: 'org.syncwell.app', name: 'SyncWell' };
const WATCH = { bundleId: 'com.apple.health.workout', name: 'Workout' };
const T0 = Date.parse('2026-11-01T08:00:00Z');

function phone() {
  const clock = new ManualPhoneClock(T0);
  const hk = new SimulatedHealthKit(clock);
  hk.setAuthorization(WATCH.bundleId, {
    read: [],
    share: ['HKQuantityTypeIdentifierStepCount', 'HKWorkoutTypeIdentifier', 'HKWorkoutRouteTypeIdentifier'],
  });
  hk.setAuthorization(SYNCWELL.bundleId, {
    read: ['HKQuantityTypeIdentifierStepCount', 'HKWorkoutTypeIdentifier', 'HKWorkoutRouteTypeIdentifier'],
    share: ['HKWorkoutTypeIdentifier', 'HKWorkoutRouteTypeIdentifier'],
  });
  return { clock, hk, watch: hk.app(WATCH), app: hk.app(SYNCWELL) };
}

const steps = (start: string, count: number): HKSampleInput => ({
  typeIdentifier: 'HKQuantityTypeIdentifierStepCount',
  startDate: start,
  endDate: new Date(Date.parse(start) + 3_600_000).toISOString(),
  quantity: count,
});

const run = (syncId?: string, version?: number): HKSampleInput => ({
  typeIdentifier: 'HKWorkoutTypeIdentifier',
  startDate: '2026-11-01T07:00:00.000Z',
  endDate: '2026-11-01T07:45:00.000Z',
  workout: { activityType: HK_ACTIVITY.running, totalDistanceM: 8000 },
  ...(syncId !== undefined
    ? {
        metadata: {
          HKMetadataKeySyncIdentifier: syncId,
          ...(version !== undefined ? { HKMetadataKeySyncVersion: version } : {}),
        },
      }
    : {}),
});

describe('simulated HealthKit', () => {
  it('answers an anchored query with what was added and deleted since the anchor', () => {
    const { watch, app } = phone();
    const a = watch.save(steps('2026-11-01T06:00:00.000Z', 500));
    const first = app.queryAnchored('HKQuantityTypeIdentifierStepCount', null);
    expect(first.samples.map((s) => s.uuid)).toEqual([a.uuid]);
    expect(first.deletedObjects).toEqual([]);

    const b = watch.save(steps('2026-11-01T07:00:00.000Z', 900));
    watch.delete(a.uuid);
    const second = app.queryAnchored('HKQuantityTypeIdentifierStepCount', first.newAnchor);
    expect(second.samples.map((s) => s.uuid)).toEqual([b.uuid]);
    expect(second.deletedObjects.map((d) => d.uuid)).toEqual([a.uuid]);
    expect(second.samples[0]?.sourceRevision.bundleId).toBe(WATCH.bundleId);

    const third = app.queryAnchored('HKQuantityTypeIdentifierStepCount', second.newAnchor);
    expect(third.samples).toEqual([]);
    expect(third.deletedObjects).toEqual([]);
  });

  it('pages with a limit and resumes from the page anchor without losing changes', () => {
    const { watch, app } = phone();
    for (let i = 0; i < 5; i++) watch.save(steps(`2026-11-01T0${i}:00:00.000Z`, 100 + i));
    const seen: number[] = [];
    let anchor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = app.queryAnchored('HKQuantityTypeIdentifierStepCount', anchor, 2);
      seen.push(...page.samples.map((s) => s.quantity ?? -1));
      anchor = page.newAnchor;
      if (page.samples.length === 0) break;
    }
    expect(seen).toEqual([100, 101, 102, 103, 104]);
  });

  it('hides a denied read as "no data" and refuses a write without permission', () => {
    const { hk, watch, app } = phone();
    watch.save(steps('2026-11-01T06:00:00.000Z', 500));
    hk.revoke(SYNCWELL.bundleId, 'read', 'HKQuantityTypeIdentifierStepCount');
    const denied = app.queryAnchored('HKQuantityTypeIdentifierStepCount', null);
    expect(denied.samples).toEqual([]);
    expect(() => app.save(steps('2026-11-01T06:00:00.000Z', 1))).toThrow(HKAuthorizationDeniedError);
    expect(app.sharingStatus('HKQuantityTypeIdentifierStepCount')).toBe('sharingDenied');
    expect(app.sharingStatus('HKWorkoutTypeIdentifier')).toBe('sharingAuthorized');
  });

  it('keeps one sample per sync identifier; a newer version replaces the older', () => {
    const { hk, app } = phone();
    const v1 = app.save(run('sw:w1', 1));
    const again = app.save(run('sw:w1', 1));
    expect(again.uuid).toBe(v1.uuid);
    expect(hk.allSamples('HKWorkoutTypeIdentifier')).toHaveLength(1);

    const v2 = app.save({
      ...run('sw:w1', 2),
      workout: { activityType: HK_ACTIVITY.running, totalDistanceM: 8100 },
    });
    expect(v2.uuid).not.toBe(v1.uuid);
    const live = hk.allSamples('HKWorkoutTypeIdentifier');
    expect(live.map((s) => s.workout?.totalDistanceM)).toEqual([8100]);
    expect(app.save(run('sw:w1', 1)).uuid).toBe(v2.uuid);
    expect(() => app.save(run('sw:w2'))).toThrow(HKInvalidArgumentError);
  });

  it('scopes sync identifiers to the writing app', () => {
    const { hk, watch, app } = phone();
    hk.setAuthorization(WATCH.bundleId, { share: ['HKWorkoutTypeIdentifier'] });
    app.save(run('same', 1));
    watch.save(run('same', 1));
    expect(hk.allSamples('HKWorkoutTypeIdentifier')).toHaveLength(2);
  });

  it('keeps a workout route as its own series, gated by its own permission', () => {
    const { hk, watch, app } = phone();
    const w = watch.save(run());
    watch.save({
      typeIdentifier: 'HKWorkoutRouteTypeIdentifier',
      startDate: w.startDate,
      endDate: w.endDate,
      route: {
        workoutUuid: w.uuid,
        locations: [{ timestamp: w.startDate, latitude: 60.1, longitude: 24.9 }],
      },
    });
    expect(app.workoutRoutes(w.uuid)).toHaveLength(1);
    expect(app.queryAnchored('HKWorkoutTypeIdentifier', null).samples[0]?.route).toBeUndefined();
    hk.revoke(SYNCWELL.bundleId, 'read', 'HKWorkoutRouteTypeIdentifier');
    expect(app.workoutRoutes(w.uuid)).toEqual([]);
    expect(() =>
      watch.save({
        typeIdentifier: 'HKWorkoutRouteTypeIdentifier',
        startDate: w.startDate,
        endDate: w.endDate,
        route: { workoutUuid: 'nope', locations: [] },
      }),
    ).toThrow(HKInvalidArgumentError);
  });

  it('purges old deleted objects, so a client that syncs too rarely misses the deletion', () => {
    const { clock, hk, watch, app } = phone();
    const a = watch.save(steps('2026-11-01T06:00:00.000Z', 500));
    const anchor = app.queryAnchored('HKQuantityTypeIdentifierStepCount', null).newAnchor;
    watch.delete(a.uuid);
    clock.advance(10 * DAY_MS);
    expect(hk.purgeDeletedObjectsOlderThan(7 * DAY_MS)).toBe(1);
    expect(app.queryAnchored('HKQuantityTypeIdentifierStepCount', anchor).deletedObjects).toEqual([]);
  });

  it('wakes observers per changed type and refuses a foreign anchor', () => {
    const { hk, watch, app } = phone();
    const seen: string[] = [];
    const stop = hk.observe((t) => seen.push(t));
    watch.save(steps('2026-11-01T06:00:00.000Z', 1));
    stop();
    watch.save(steps('2026-11-01T07:00:00.000Z', 1));
    expect(seen).toEqual(['HKQuantityTypeIdentifierStepCount']);
    expect(() => app.queryAnchored('HKQuantityTypeIdentifierStepCount', 'garbage')).toThrow(
      HKInvalidArgumentError,
    );
  });

  it('lets an app delete only its own samples', () => {
    const { watch, app } = phone();
    const a = watch.save(run());
    expect(() => app.delete(a.uuid)).toThrow(HKAuthorizationDeniedError);
  });
});
