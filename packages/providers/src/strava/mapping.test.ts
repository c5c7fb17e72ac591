import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stravaActivityToWorkout, trackFromStreams } from './mapping.js';
import { stravaDetailedActivity, stravaStreamSet, stravaSummaryActivity } from './schemas.js';
import { sportFromStrava, sportToStrava } from './sport-table.js';
import { syncTagFromExternalId } from './sync-tag.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('stravaActivityToWorkout', () => {
  const detail = stravaDetailedActivity.parse(fixture('activity-detail-run.json'));
  const streams = stravaStreamSet.parse(fixture('streams-run.json'));

  it('takes time from start_date (UTC) and utc_offset, never from the Z-suffixed local time', () => {
    const result = stravaActivityToWorkout(detail, streams);
    if (!result.ok) throw new Error(result.message);
    const w = result.workout;
    expect(w.startTime).toBe('2026-11-20T06:30:00.000Z');
    expect(w.endTime).toBe('2026-11-20T07:23:00.000Z');
    expect(w.utcOffsetMinutes).toBe(60);
    expect(w.provenance).toEqual({
      provider: 'strava',
      externalId: '16234567890',
      device: { model: 'Garmin Forerunner 965' },
      // Strava's terms: never used to train a model.
      excludeFromTraining: true,
    });
    expect(w.sport).toBe('running');
    expect(w.distance).toEqual({ value: 10234.5, unit: 'm' });
    expect(w.movingTime).toEqual({ value: 3050, unit: 's' });
    expect(w.energy).toEqual({ value: 712.4, unit: 'kcal' });
    expect(w.heartRate?.maximum.value).toBe(178);
    expect(w.laps).toHaveLength(2);
    expect(w.laps[1]).toEqual({
      startTime: '2026-11-20T06:56:40.000Z',
      endTime: '2026-11-20T07:23:00.000Z',
      distance: { value: 5134.5, unit: 'm' },
    });
    expect(w.track).toHaveLength(4);
  });

  it('handles string numbers, missing optional fields, a trainer ride and a SyncWell tag', () => {
    const summary = stravaSummaryActivity.parse(fixture('activity-summary-synced-ride.json'));
    const result = stravaActivityToWorkout(summary, null);
    if (!result.ok) throw new Error(result.message);
    const w = result.workout;
    expect(w.provenance).toEqual({
      provider: 'strava',
      externalId: '9876543210',
      syncTag: 'sw-4f2a9c1be0',
      excludeFromTraining: true,
    });
    expect(w.sport).toBe('indoor_cycling');
    expect(w.distance).toEqual({ value: 40210.7, unit: 'm' });
    expect(w.utcOffsetMinutes).toBe(-480);
    expect(w.startTime).toBe('2026-11-21T23:15:00.000Z');
    expect(w.heartRate).toBeUndefined();
    expect(w.energy).toBeUndefined();
    expect(w.track).toBeUndefined();
    expect(w.laps).toEqual([]);
  });

  it('reports a record that fails canonical validation instead of throwing', () => {
    const broken = stravaSummaryActivity.parse({
      ...(fixture('activity-summary-synced-ride.json') as object),
      elapsed_time: -50,
    });
    const result = stravaActivityToWorkout(broken, null);
    expect(result.ok).toBe(false);
  });

  it('rejects a summary without start_date at the raw schema', () => {
    const { start_date: _drop, ...rest } = fixture('activity-detail-run.json') as Record<string, unknown>;
    expect(stravaSummaryActivity.safeParse(rest).success).toBe(false);
  });
});

describe('trackFromStreams', () => {
  it('zips streams, keeps null altitude out and drops impossible heart rates', () => {
    const { points } = trackFromStreams(
      stravaStreamSet.parse(fixture('streams-run.json')),
      Date.parse('2026-11-20T06:30:00Z'),
    );
    expect(points[1]).toEqual({
      time: '2026-11-20T06:30:10.000Z',
      lat: 52.5205,
      lon: 13.4061,
      altitudeM: 34.6,
      heartRateBpm: 121,
    });
    expect(points[2]).toEqual({
      time: '2026-11-20T06:30:20.000Z',
      lat: 52.521,
      lon: 13.4072,
      heartRateBpm: 140,
    });
    expect(points[3]?.heartRateBpm).toBeUndefined();
  });
});

describe('sport table and sync tags', () => {
  it('maps known sports, trainer variants and unknown ones', () => {
    expect(sportFromStrava('TrailRun', false)).toBe('trail_running');
    expect(sportFromStrava('Run', true)).toBe('treadmill_running');
    expect(sportFromStrava('Kitesurf', false)).toBe('other');
    expect(sportFromStrava(null, false)).toBe('other');
    expect(sportToStrava('mountain_biking')).toBe('MountainBikeRide');
    expect(sportToStrava('other')).toBe('Workout');
  });

  it('reads our tag with or without an appended extension, and nothing else', () => {
    expect(syncTagFromExternalId('sw-00ff')).toBe('sw-00ff');
    expect(syncTagFromExternalId('sw-00ff.fit')).toBe('sw-00ff');
    expect(syncTagFromExternalId('sw-00ff.fit.gz')).toBe('sw-00ff');
    expect(syncTagFromExternalId('garmin_push_1.fit')).toBeUndefined();
    expect(syncTagFromExternalId('xsw-00ff')).toBeUndefined();
    expect(syncTagFromExternalId(null)).toBeUndefined();
  });
});

describe('Strava payloads as the API really sends them', () => {
  const start = Date.parse('2026-11-20T06:30:00Z');

  it('keeps the track when latlng holds nulls (a tunnel), skipping and counting those samples', () => {
    const streams = stravaStreamSet.parse(fixture('streams-tunnel-null-latlng.json'));
    const { points, skipped } = trackFromStreams(streams, start);
    expect(points.map((p) => p.time.slice(11, 19))).toEqual(['06:30:00', '06:30:15', '06:31:00', '06:31:15']);
    expect(skipped).toEqual({ position: 2, time: 0 });
    const detail = stravaDetailedActivity.parse(fixture('activity-detail-run.json'));
    const mapped = stravaActivityToWorkout(detail, streams);
    expect(mapped).toMatchObject({ ok: true, warnings: ['2 stream samples without a position skipped'] });
  });

  it('reads the array form the streams endpoint returns without key_by_type=true', () => {
    const streams = stravaStreamSet.parse(fixture('streams-array-form.json'));
    const { points, skipped } = trackFromStreams(streams, start);
    expect(points).toHaveLength(3);
    expect(points[2]).toEqual({
      time: '2026-11-20T06:31:00.000Z',
      lat: 45.4655,
      lon: 9.192,
      heartRateBpm: 124,
    });
    expect(skipped.position).toBe(1);
  });

  it('derives the offset from start_date_local − start_date when utc_offset is missing', () => {
    const detail = stravaDetailedActivity.parse(fixture('activity-detail-no-utc-offset.json'));
    const mapped = stravaActivityToWorkout(detail, null);
    if (!mapped.ok) throw new Error(mapped.message);
    // Berlin on the morning after the switch to summer time: UTC+02:00.
    expect(mapped.workout.utcOffsetMinutes).toBe(120);
    expect(mapped.workout.startTime).toBe('2026-03-29T09:15:00.000Z');
  });
});
