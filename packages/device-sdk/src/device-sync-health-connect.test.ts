import { describe, expect, it } from 'vitest';
import type { Workout } from '@syncwell/core';
import { HC_EXERCISE, type HealthConnectApp } from '@syncwell/testbed';
import { android, DAY_MS, SYNCWELL_ANDROID, T0 } from './device-sync-test-support.js';

function fitRun(fit: HealthConnectApp, startMs: number, distanceM = 5000): string {
  const [id] = fit.insertRecords([
    {
      recordType: 'ExerciseSession',
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(startMs + 1_800_000).toISOString(),
      startZoneOffsetMinutes: -300,
      exerciseType: HC_EXERCISE.running,
      distanceM,
      exerciseRoute: [
        { time: new Date(startMs).toISOString(), latitude: 40.7, longitude: -74 },
        { time: new Date(startMs + 1_800_000).toISOString(), latitude: 40.72, longitude: -74.01 },
      ],
    },
  ]);
  return id!;
}

describe('device SDK against the simulated Health Connect', () => {
  it('uploads Health Connect workouts with routes (e.g. for Strava), then only changes', async () => {
    const { api, fit, launch } = android();
    for (let i = 0; i < 6; i++) fitRun(fit, T0 - (i + 1) * DAY_MS);
    const first = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(first).toMatchObject({ stoppedBy: 'complete', uploaded: 6, pendingItems: 0 });
    const w = api.destination[0] as Workout;
    expect(w).toMatchObject({
      sport: 'running',
      utcOffsetMinutes: -300,
      provenance: { provider: 'health_connect' },
    });
    expect(w.track).toHaveLength(2);

    const id = fitRun(fit, T0 - 12 * 3_600_000);
    fit.deleteRecords([id]);
    fitRun(fit, T0 - 6 * 3_600_000);
    const second = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(second.uploaded).toBe(2);
    expect(api.destination).toHaveLength(7);
    expect(api.deletedAtDestination).toEqual([id]);
  });

  it('re-reads everything after a changes token expired; the ledger keeps each record once', async () => {
    const { api, clock, fit, launch } = android();
    fitRun(fit, T0 - DAY_MS);
    await launch().syncOnce({ deadline: T0 + 60_000 });
    clock.advance(31 * DAY_MS);
    fitRun(fit, clock.now() - DAY_MS);
    const after = await launch().syncOnce({ deadline: clock.now() + 60_000 });
    expect(after.stoppedBy).toBe('complete');
    // Both records went up again (the full re-read); the backend's ledger answered the old one.
    expect(after.uploaded).toBe(2);
    expect(api.destination.map((r) => r.provenance.externalId)).toHaveLength(2);
    expect(new Set(api.destination.map((r) => r.provenance.externalId)).size).toBe(2);
  });

  it('offline for three days then catches up, each record once', async () => {
    const { api, clock, fit, launch } = android();
    api.refuseNextUploads(1);
    for (let day = 0; day < 3; day++) {
      fitRun(fit, clock.now() - 3_600_000);
      const r = await launch().syncOnce({ deadline: clock.now() + 60_000 });
      if (day === 0) expect(r.stoppedBy).toBe('offline');
      clock.advance(DAY_MS);
    }
    const last = await launch().syncOnce({ deadline: clock.now() + 60_000 });
    expect(last.pendingItems).toBe(0);
    expect(api.destination).toHaveLength(3);
  });

  it('writes with clientRecordId: a repeat keeps one record, a newer version updates it in place', async () => {
    const { api, hc, launch } = android();
    const ride: Workout = {
      type: 'workout',
      provenance: { provider: 'garmin', externalId: 'g1' },
      sport: 'cycling',
      startTime: '2026-11-19T16:00:00.000Z',
      endTime: '2026-11-19T17:00:00.000Z',
      utcOffsetMinutes: 60,
      laps: [],
    };
    api.queueWrite({ writeId: 'w1', dataType: 'workout', tag: { id: 'sw-g1', version: 1 }, record: ride });
    await launch().syncOnce({ deadline: T0 + 60_000 });
    api.queueWrite({ writeId: 'w1', dataType: 'workout', tag: { id: 'sw-g1', version: 1 }, record: ride });
    api.queueWrite({
      writeId: 'w2',
      dataType: 'workout',
      tag: { id: 'sw-g1', version: 2 },
      record: { ...ride, name: 'Evening ride' },
    });
    await launch().syncOnce({ deadline: T0 + 60_000 });
    const live = hc.allRecords('ExerciseSession');
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({
      title: 'Evening ride',
      metadata: { dataOrigin: SYNCWELL_ANDROID, clientRecordId: 'sw-g1', clientRecordVersion: 2 },
    });
    expect(new Set(api.acks.map((a) => a.deviceRecordId)).size).toBe(1);
    const next = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(api.destination).toEqual([]);
    expect(next.loopPrevented).toBeGreaterThan(0);
  });

  it('skips a type whose read permission was revoked mid-life and says so', async () => {
    const { api, hc, fit, launch } = android();
    fitRun(fit, T0 - DAY_MS);
    hc.revoke(SYNCWELL_ANDROID, { accessType: 'read', recordType: 'ExerciseSession' });
    const r = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(r.stoppedBy).toBe('complete');
    expect(api.destination).toEqual([]);
    expect(r.notices.map((n) => `${n.code}:${n.dataType}`)).toContain('read_access_denied:workout');
  });

  it('reads nothing older than 30 days before the first grant without the history permission, and says so', async () => {
    const limited = android();
    fitRun(limited.fit, T0 - 40 * DAY_MS);
    fitRun(limited.fit, T0 - 2 * DAY_MS);
    const r = await limited.launch().syncOnce({ deadline: T0 + 60_000 });
    expect(limited.api.destination).toHaveLength(1);
    expect(r.notices.some((n) => n.code === 'history_limited')).toBe(true);

    const full = android({ history: true });
    fitRun(full.fit, T0 - 40 * DAY_MS);
    const f = await full.launch().syncOnce({ deadline: T0 + 60_000 });
    expect(full.api.destination).toHaveLength(1);
    expect(f.notices.some((n) => n.code === 'history_limited')).toBe(false);
  });

  it("stops cleanly on Health Connect's read quota and continues in the next window, each record once", async () => {
    const { api, clock, fit, launch } = android({
      batchSize: 3,
      quota: { windowMs: 3_600_000, foreground: 2, background: 1 },
    });
    for (let i = 0; i < 10; i++) fitRun(fit, T0 - (i + 1) * 3_600_000);
    const first = await launch().syncOnce({ deadline: T0 + 60_000 });
    expect(first.stoppedBy).toBe('store_quota');
    expect(api.destination.length).toBeLessThan(10);
    let last = first;
    for (let window = 0; window < 10 && last.stoppedBy !== 'complete'; window++) {
      clock.advance(3_600_000);
      last = await launch().syncOnce({ deadline: clock.now() + 60_000 });
    }
    expect(last.stoppedBy).toBe('complete');
    expect(api.destination).toHaveLength(10);
    expect(new Set(api.destination.map((r) => r.provenance.externalId)).size).toBe(10);
  });
});
