import { describe, expect, it } from 'vitest';
import { canonicalRecord, type SleepSession, type Workout } from '@syncwell/core';
import { fromHealthConnect, toHealthConnect } from './health-connect-mapping.js';
import { fromHealthKit, toHealthKit } from './healthkit-mapping.js';

const run: Workout = {
  type: 'workout',
  provenance: { provider: 'polar', externalId: 'p1' },
  sport: 'running',
  name: 'Tempo',
  startTime: '2026-11-19T16:00:00.000Z',
  endTime: '2026-11-19T16:40:00.000Z',
  utcOffsetMinutes: 120,
  distance: { value: 8000, unit: 'm' },
  energy: { value: 520, unit: 'kcal' },
  laps: [],
  track: [
    { time: '2026-11-19T16:00:00.000Z', lat: 60.1, lon: 24.9, altitudeM: 12 },
    { time: '2026-11-19T16:40:00.000Z', lat: 60.2, lon: 24.8 },
  ],
};
const tag = { id: 'sw-1', version: 3 };

describe('device mapping', () => {
  it('round-trips a workout with its route through Health Connect', () => {
    const hc = toHealthConnect(run, tag)!;
    expect(hc.metadata).toEqual({ clientRecordId: 'sw-1', clientRecordVersion: 3 });
    const back = fromHealthConnect(
      { ...hc, metadata: { id: 'hc-1', dataOrigin: 'com.other' } },
      'org.syncwell.app',
    );
    expect(back).toEqual({ ...run, provenance: { provider: 'health_connect', externalId: 'hc-1' } });
    expect(canonicalRecord.safeParse(back).success).toBe(true);
  });

  it('round-trips a workout through HealthKit, route kept as a separate series', () => {
    const hk = toHealthKit(run, tag)!;
    expect(hk.samples).toHaveLength(1);
    expect(hk.route).toHaveLength(2);
    const [sample] = hk.samples;
    const back = fromHealthKit(
      { ...sample!, uuid: 'u-1', sourceRevision: { bundleId: 'org.syncwell.app' } },
      'org.syncwell.app',
      hk.route,
    );
    // Our own write read back carries our tag: loop prevention sees it.
    expect(back).toMatchObject({
      sport: 'running',
      provenance: { provider: 'apple_health', externalId: 'u-1', syncTag: 'sw-1' },
    });
    expect((back as Workout).track).toEqual(run.track);
    expect((back as Workout).name).toBeUndefined();
  });

  it('writes body fat to HealthKit as a fraction and sleep as one sample per stage', () => {
    const fat = toHealthKit(
      {
        type: 'body_measurement',
        provenance: { provider: 'withings', externalId: 'm' },
        time: '2026-11-19T07:00:00.000Z',
        utcOffsetMinutes: 0,
        bodyFat: { value: 21, unit: '%' },
      },
      tag,
    )!;
    expect(fat.samples.map((s) => [s.typeIdentifier, s.quantity])).toEqual([
      ['HKQuantityTypeIdentifierBodyFatPercentage', 0.21],
    ]);
    const night: SleepSession = {
      type: 'sleep',
      provenance: { provider: 'oura', externalId: 's' },
      startTime: '2026-11-18T22:00:00.000Z',
      endTime: '2026-11-19T06:00:00.000Z',
      utcOffsetMinutes: 60,
      stages: [
        { stage: 'light', startTime: '2026-11-18T22:00:00.000Z', endTime: '2026-11-19T01:00:00.000Z' },
        { stage: 'deep', startTime: '2026-11-19T01:00:00.000Z', endTime: '2026-11-19T06:00:00.000Z' },
      ],
    };
    const sleep = toHealthKit(night, tag)!;
    expect(sleep.samples.map((s) => s.metadata.HKMetadataKeySyncIdentifier)).toEqual(['sw-1:0', 'sw-1:1']);
    const hcSleep = toHealthConnect(night, tag)!;
    expect(fromHealthConnect({ ...hcSleep, metadata: { id: 'x', dataOrigin: 'y' } }, 'z')).toMatchObject({
      stages: night.stages,
    });
  });

  it('maps an unknown activity to other and leaves unmapped types out', () => {
    const other = fromHealthKit(
      {
        uuid: 'u',
        typeIdentifier: 'HKWorkoutTypeIdentifier',
        startDate: '2026-11-19T16:00:00Z',
        endDate: '2026-11-19T17:00:00Z',
        workout: { activityType: 9999 },
        sourceRevision: { bundleId: 'b' },
        metadata: {},
      },
      'me',
    );
    expect(other).toMatchObject({
      sport: 'other',
      utcOffsetMinutes: 0,
      startTime: '2026-11-19T16:00:00.000Z',
    });
    expect(
      fromHealthKit(
        {
          uuid: 'u',
          typeIdentifier: 'HKQuantityTypeIdentifierStepCount',
          startDate: 'x',
          endDate: 'x',
          quantity: 5,
          sourceRevision: { bundleId: 'b' },
          metadata: {},
        },
        'me',
      ),
    ).toBeUndefined();
    expect(
      toHealthConnect(
        {
          type: 'heart_rate',
          provenance: { provider: 'oura', externalId: 'h' },
          date: '2026-11-19',
          utcOffsetMinutes: 0,
          samples: [],
        },
        tag,
      ),
    ).toBeUndefined();
  });
});
