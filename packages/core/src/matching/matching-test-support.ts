import type { BodyMeasurement } from '../records/body-measurement.js';
import type { DailyActivity } from '../records/daily-activity.js';
import type { SleepSession } from '../records/sleep.js';
import type { SportType } from '../records/sport.js';
import type { Workout } from '../records/workout.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** 2025-03-01T08:00:00Z, a Saturday morning run. */
export const T0 = Date.parse('2025-03-01T08:00:00Z');

export const iso = (ms: number) => new Date(ms).toISOString();

let nextId = 0;
const provenance = (provider: 'garmin' | 'strava' = 'garmin') => ({ provider, externalId: `x${nextId++}` });

export interface WorkoutSpec {
  readonly startMs?: number;
  readonly minutes?: number;
  readonly durationMs?: number;
  readonly sport?: SportType;
  readonly distanceM?: number | undefined;
  readonly utcOffsetMinutes?: number;
}

export function workout(spec: WorkoutSpec = {}): Workout {
  const start = spec.startMs ?? T0;
  const duration = spec.durationMs ?? (spec.minutes ?? 60) * MIN;
  const distance = 'distanceM' in spec ? spec.distanceM : 10_000;
  return {
    type: 'workout',
    provenance: provenance(),
    sport: spec.sport ?? 'running',
    startTime: iso(start),
    endTime: iso(start + duration),
    utcOffsetMinutes: spec.utcOffsetMinutes ?? 0,
    laps: [],
    ...(distance === undefined ? {} : { distance: { value: distance, unit: 'm' as const } }),
  };
}

/** The same workout as another provider would report it: shifted, renamed, re-measured. */
export function copyOf(w: Workout, change: { shiftMs?: number; utcOffsetMinutes?: number } = {}): Workout {
  const shift = change.shiftMs ?? 0;
  return {
    ...w,
    provenance: provenance('strava'),
    startTime: iso(Date.parse(w.startTime) + shift),
    endTime: iso(Date.parse(w.endTime) + shift),
    utcOffsetMinutes: change.utcOffsetMinutes ?? w.utcOffsetMinutes,
  };
}

export function day(
  date: string,
  values: { steps?: number; distanceM?: number; utcOffsetMinutes?: number } = {},
): DailyActivity {
  return {
    type: 'daily_activity',
    provenance: provenance(),
    date,
    utcOffsetMinutes: values.utcOffsetMinutes ?? 0,
    ...(values.steps === undefined ? {} : { steps: { value: values.steps, unit: '{steps}' as const } }),
    ...(values.distanceM === undefined ? {} : { distance: { value: values.distanceM, unit: 'm' as const } }),
  };
}

export function sleep(startMs: number, endMs: number): SleepSession {
  return {
    type: 'sleep',
    provenance: provenance(),
    startTime: iso(startMs),
    endTime: iso(endMs),
    utcOffsetMinutes: 60,
    stages: [],
  };
}

export function weighIn(timeMs: number, weightKg: number | undefined, bodyFat?: number): BodyMeasurement {
  return {
    type: 'body_measurement',
    provenance: provenance(),
    time: iso(timeMs),
    utcOffsetMinutes: 0,
    ...(weightKg === undefined ? {} : { weight: { value: weightKg, unit: 'kg' as const } }),
    ...(bodyFat === undefined ? {} : { bodyFat: { value: bodyFat, unit: '%' as const } }),
  };
}
