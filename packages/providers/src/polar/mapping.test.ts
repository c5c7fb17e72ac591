import { readFileSync } from 'node:fs';
import type { Workout } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { parseIsoDurationSeconds } from './iso-duration.js';
import { polarExerciseToWorkout, polarStartUtcMs } from './mapping.js';
import { polarExercise } from './schemas.js';
import { sportFromPolar } from './sport-table.js';

const exercises = (
  JSON.parse(readFileSync(new URL('./fixtures/exercises.json', import.meta.url), 'utf8')) as unknown[]
).map((raw) => polarExercise.parse(raw));
const [run, kitesurf, broken] = exercises as [
  (typeof exercises)[0],
  (typeof exercises)[0],
  (typeof exercises)[0],
];

const fitWorkout: Workout = {
  type: 'workout',
  provenance: { provider: 'polar', externalId: 'aQlC83' },
  sport: 'cycling',
  startTime: '2026-11-20T06:30:00.000Z',
  endTime: '2026-11-20T07:12:30.000Z',
  utcOffsetMinutes: 0,
  movingTime: { value: 2500, unit: 's' },
  energy: { value: 999, unit: 'kcal' },
  laps: [{ startTime: '2026-11-20T06:30:00.000Z', endTime: '2026-11-20T07:12:30.000Z' }],
  track: [{ time: '2026-11-20T06:30:00.000Z', lat: 60.17, lon: 24.94 }],
};

describe('polarExerciseToWorkout', () => {
  it('places the local start with the offset and reads the ISO duration', () => {
    const result = polarExerciseToWorkout(run, null);
    if (!result.ok) throw new Error(result.message);
    expect(result.workout.startTime).toBe('2026-11-20T06:30:00.000Z');
    expect(result.workout.endTime).toBe('2026-11-20T07:12:30.500Z');
    expect(result.workout.utcOffsetMinutes).toBe(60);
    expect(result.workout.sport).toBe('running');
    expect(result.workout.heartRate).toEqual({
      average: { value: 148, unit: '/min' },
      maximum: { value: 171, unit: '/min' },
    });
    expect(result.workout.provenance.device).toEqual({ manufacturer: 'Polar', model: 'Polar Vantage V3' });
    expect(result.workout.track).toBeUndefined();
  });

  it('merges the FIT route and laps but keeps the summary authoritative', () => {
    const result = polarExerciseToWorkout(run, fitWorkout);
    if (!result.ok) throw new Error(result.message);
    expect(result.workout.sport).toBe('running');
    expect(result.workout.energy).toEqual({ value: 530, unit: 'kcal' });
    expect(result.workout.movingTime).toEqual({ value: 2500, unit: 's' });
    expect(result.workout.laps).toHaveLength(1);
    expect(result.workout.track).toHaveLength(1);
  });

  it('handles numeric ids, string offsets, missing optional fields and an unknown sport', () => {
    const result = polarExerciseToWorkout(kitesurf, null);
    if (!result.ok) throw new Error(result.message);
    expect(result.workout.provenance.externalId).toBe('9811');
    expect(result.workout.startTime).toBe('2026-11-21T15:00:00.000Z');
    expect(result.workout.utcOffsetMinutes).toBe(-300);
    expect(result.workout.sport).toBe('other');
    expect(result.workout.distance).toBeUndefined();
    expect(result.workout.heartRate).toBeUndefined();
    expect(
      polarExerciseToWorkout(kitesurf, fitWorkout).ok && polarExerciseToWorkout(kitesurf, fitWorkout),
    ).toMatchObject({
      workout: { sport: 'cycling', energy: { value: 999 } },
    });
  });

  it('reports an unreadable duration instead of throwing', () => {
    expect(polarExerciseToWorkout(broken, null)).toEqual({
      ok: false,
      message: 'duration is not an ISO-8601 duration',
    });
  });

  it('respects an explicit zone on start_time', () => {
    expect(polarStartUtcMs('2026-11-20T07:30:00+01:00', 999)).toBe(Date.parse('2026-11-20T06:30:00Z'));
  });
});

describe('parseIsoDurationSeconds', () => {
  it.each([
    ['PT1H2M3S', 3723],
    ['PT42M30.5S', 2550.5],
    ['PT0S', 0],
    ['P1DT1S', 86_401],
    ['PT90M', 5400],
  ])('%s → %d s', (text, seconds) => {
    expect(parseIsoDurationSeconds(text)).toBe(seconds);
  });
  it.each(['', 'P', 'PT', '1:02:03', 'P1M', 'PT1H2'])('refuses %j', (text) => {
    expect(parseIsoDurationSeconds(text)).toBeUndefined();
  });
});

describe('sportFromPolar', () => {
  it('normalises names and falls back to other', () => {
    expect(sportFromPolar('CROSS-COUNTRY_SKIING')).toBe('cross_country_skiing');
    expect(sportFromPolar('Road biking')).toBe('cycling');
    expect(sportFromPolar('KITESURFING')).toBe('other');
    expect(sportFromPolar(undefined)).toBe('other');
  });
});
