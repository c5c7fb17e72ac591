import { describe, expect, it } from 'vitest';
import type { Workout } from '@syncwell/core';
import type { HealthKitApp } from '@syncwell/testbed';
import { HK_ACTIVITY, iphone, SYNCWELL_IOS, T0, WATCH } from './device-sync-test-support.js';
import { AppKilled } from './testing/memory-durable-store.js';

function watchRun(watch: HealthKitApp, i: number, withRoute = false) {
  const start = new Date(T0 - (i + 1) * 3_600_000).toISOString();
  const end = new Date(T0 - (i + 1) * 3_600_000 + 1_800_000).toISOString();
  const w = watch.save({
    typeIdentifier: 'HKWorkoutTypeIdentifier',
    startDate: start,
    endDate: end,
    workout: { activityType: HK_ACTIVITY.running, totalDistanceM: 5000 + i },
    metadata: { utcOffsetMinutes: 60 },
  });
  if (withRoute) {
    watch.save({
      typeIdentifier: 'HKWorkoutRouteTypeIdentifier',
      startDate: start,
      endDate: end,
      route: {
        workoutUuid: w.uuid,
        locations: [
          { timestamp: start, latitude: 47.37, longitude: 8.54 },
          { timestamp: end, latitude: 47.38, longitude: 8.55 },
        ],
      },
    });
  }
  return w;
}

const polarRide: Workout = {
  type: 'workout',
  provenance: { provider: 'polar', externalId: 'ex-1' },
  sport: 'cycling',
  startTime: '2026-11-19T16:00:00.000Z',
  endTime: '2026-11-19T17:00:00.000Z',
  utcOffsetMinutes: 60,
  distance: { value: 30000, unit: 'm' },
  laps: [],
  track: [
    { time: '2026-11-19T16:00:00.000Z', lat: 60.17, lon: 24.94 },
    { time: '2026-11-19T17:00:00.000Z', lat: 60.2, lon: 24.9 },
  ],
};

describe('device SDK against the simulated HealthKit', () => {
  it('uploads a watch workout with its route once, and nothing on the next run', async () => {
    const { api, watch, launch } = iphone();
    watchRun(watch, 0, true);
    const first = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(first).toMatchObject({ stoppedBy: 'complete', uploaded: 1, pendingItems: 0 });
    expect(api.destination).toHaveLength(1);
    const w = api.destination[0] as Workout;
    expect(w).toMatchObject({
      type: 'workout',
      sport: 'running',
      utcOffsetMinutes: 60,
      provenance: { provider: 'apple_health' },
    });
    expect(w.track).toHaveLength(2);
    const second = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(second.uploaded).toBe(0);
    expect(api.destination).toHaveLength(1);
  });

  it('uploads a deletion made on the phone', async () => {
    const { api, watch, launch } = iphone();
    const w = watchRun(watch, 0);
    await launch().syncOnce({ deadline: T0 + 60_000 });
    watch.delete(w.uuid);
    await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(api.deletedAtDestination).toEqual([w.uuid]);
  });

  it('killed mid-upload (answer lost, then killed while settling): every record reaches the destination once', async () => {
    const { api, clock, durable, watch, launch } = iphone({ batchSize: 3 });
    for (let i = 0; i < 7; i++) watchRun(watch, i);
    api.loseNextAnswers(1);
    const offline = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(offline.stoppedBy).toBe('offline');
    expect(offline.pendingItems).toBe(3);

    // The failed batch backs off; the next run still sends what it reads anew.
    const early = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(early).toMatchObject({ uploaded: 4, pendingItems: 3 });
    expect(api.batchesSeen).toHaveLength(3);

    clock.advance(3_600_000);
    // The app dies while forgetting the resent batch, after the backend answered it.
    durable.killAtWrite(1);
    await expect(launch().syncOnce({ deadline: clock.now() + 60_000 })).rejects.toThrow(AppKilled);

    const resumed = await launch().syncOnce({ deadline: clock.now() + 60_000 });
    expect(resumed).toMatchObject({ stoppedBy: 'complete', pendingItems: 0 });
    const ids = api.destination.map((r) => r.provenance.externalId);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    // The resent batch kept its id, so the backend can answer it idempotently.
    expect(api.batchesSeen.filter((id) => id === api.batchesSeen[0])).toHaveLength(3);
  });

  it('stops cleanly at the background deadline and resumes where it stopped', async () => {
    const { api, clock, watch, launch } = iphone({ batchSize: 2 });
    for (let i = 0; i < 6; i++) watchRun(watch, i);
    api.onUpload = () => clock.advance(10_000);
    const cut = await launch().syncOnce({ deadline: T0 + 15_000 });
    expect(cut.stoppedBy).toBe('deadline');
    expect(api.destination.length).toBeLessThan(6);
    const rest = await launch().syncOnce({ deadline: clock.now() + 600_000 });
    expect(rest.stoppedBy).toBe('complete');
    expect(new Set(api.destination.map((r) => r.provenance.externalId)).size).toBe(6);
    expect(api.destination).toHaveLength(6);
  });

  it('keeps a retryable item for later and drops what the backend finished', async () => {
    const { api, clock, watch, launch } = iphone();
    const a = watchRun(watch, 0);
    watchRun(watch, 1);
    api.itemFaults.set(`apple_health:workout:${a.uuid}`, 'SW_PROVIDER_UNAVAILABLE');
    const first = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(first).toMatchObject({ uploaded: 1, pendingItems: 1 });
    clock.advance(3_600_000);
    const second = await launch().syncOnce({ deadline: clock.now() + 60_000 });
    expect(second).toMatchObject({ uploaded: 1, pendingItems: 0 });
    expect(api.destination).toHaveLength(2);
  });

  it('writes a Polar ride with its route once (repeat after a lost ack), a newer version replaces it, and never uploads it back', async () => {
    const { api, hk, launch } = iphone();
    api.queueWrite({
      writeId: 'w1',
      dataType: 'workout',
      tag: { id: 'sw-abc', version: 1 },
      record: polarRide,
    });
    const first = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(first.writesApplied).toBe(1);
    // The ack was lost: the backend hands the same write over again.
    api.queueWrite({
      writeId: 'w1',
      dataType: 'workout',
      tag: { id: 'sw-abc', version: 1 },
      record: polarRide,
    });
    await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(hk.allSamples('HKWorkoutTypeIdentifier')).toHaveLength(1);
    expect(hk.allSamples('HKWorkoutRouteTypeIdentifier')).toHaveLength(1);
    const [ack1, ack2] = api.acks;
    expect(ack1?.deviceRecordId).toBe(ack2?.deviceRecordId);

    api.queueWrite({
      writeId: 'w2',
      dataType: 'workout',
      tag: { id: 'sw-abc', version: 2 },
      record: { ...polarRide, distance: { value: 30500, unit: 'm' } },
    });
    await launch().syncOnce({ deadline: T0 + 60_000 });
    const fourth = await launch().syncOnce({ deadline: T0 + 60_000 });
    const workouts = hk.allSamples('HKWorkoutTypeIdentifier');
    expect(workouts.map((s) => s.workout?.totalDistanceM)).toEqual([30500]);
    expect(workouts[0]?.sourceRevision.bundleId).toBe(SYNCWELL_IOS.bundleId);
    expect(hk.allSamples('HKWorkoutRouteTypeIdentifier').map((r) => r.route?.workoutUuid)).toEqual([
      workouts[0]?.uuid,
    ]);
    expect(api.destination).toEqual([]);
    // The fourth run reads our version-2 write back and recognises it as ours.
    expect(fourth.loopPrevented).toBe(1);
  });

  it('says it cannot tell a denied read from no data, and reports a refused write', async () => {
    const { api, hk, watch, launch } = iphone();
    watchRun(watch, 0);
    hk.revoke(SYNCWELL_IOS.bundleId, 'read', 'HKWorkoutTypeIdentifier');
    hk.revoke(SYNCWELL_IOS.bundleId, 'share', 'HKQuantityTypeIdentifierBodyMass');
    api.queueWrite({
      writeId: 'w-weight',
      dataType: 'body_measurement',
      tag: { id: 'sw-weight', version: 1 },
      record: {
        type: 'body_measurement',
        provenance: { provider: 'withings', externalId: 'm1' },
        time: '2026-11-20T07:00:00.000Z',
        utcOffsetMinutes: 60,
        weight: { value: 70.2, unit: 'kg' },
      },
    });
    const result = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(api.destination).toEqual([]);
    const unknown = result.notices.find((n) => n.code === 'read_access_unknown' && n.dataType === 'workout');
    expect(unknown?.message).toContain('does not tell apps whether reading is allowed');
    expect(
      result.notices.some((n) => n.code === 'write_access_denied' && n.dataType === 'body_measurement'),
    ).toBe(true);
    expect(result.writesFailed).toEqual([{ writeId: 'w-weight', code: 'SW_DEVICE_PERMISSION_DENIED' }]);
    expect(result.access.find((a) => a.dataType === 'workout')?.read).toBe('unknown');
    expect(WATCH.bundleId).not.toBe(SYNCWELL_IOS.bundleId);
  });
});
