import type { SportType, Workout } from '@syncwell/core';
import type { StoredPoint } from './gh-state.js';

/**
 * Google Health data points as the list operation returns them [S]: RFC 3339 UTC instants,
 * offsets as protobuf Durations (`"3600s"`), distances in millimetres, weight in grams, and
 * 64-bit integers (steps, millimetres, grams) as JSON strings.
 */
const EXERCISE_TYPES: Partial<Record<SportType, string>> = {
  running: 'RUNNING',
  trail_running: 'TRAIL_RUN',
  treadmill_running: 'TREADMILL',
  walking: 'WALKING',
  hiking: 'HIKING',
  cycling: 'BIKING',
  mountain_biking: 'MOUNTAIN_BIKE',
  indoor_cycling: 'STATIONARY_BIKE',
  swimming: 'SWIMMING',
  strength_training: 'STRENGTH_TRAINING',
  yoga: 'YOGA',
};

const duration = (seconds: number): string => `${Math.round(seconds)}s`;
const iso = (ms: number): string => new Date(ms).toISOString();
const int64 = (n: number): string => String(Math.round(n));

export interface PointContext {
  readonly id: string;
  readonly offsetMinutes: number;
  readonly device: string;
}

function envelope(type: string, ctx: PointContext, key: string, body: Record<string, unknown>) {
  return {
    name: `users/me/dataTypes/${type}/dataPoints/${ctx.id}`,
    dataSource: {
      platform: 'FITBIT',
      recordingMethod: 'PASSIVELY_MEASURED',
      device: { displayName: ctx.device },
    },
    [key]: body,
  };
}

function interval(startMs: number, endMs: number, offsetMinutes: number) {
  const offset = duration(offsetMinutes * 60);
  return { startTime: iso(startMs), endTime: iso(endMs), startUtcOffset: offset, endUtcOffset: offset };
}

export function exercisePoint(workout: Workout, ctx: PointContext): StoredPoint {
  const startMs = Date.parse(workout.startTime);
  const endMs = Date.parse(workout.endTime);
  const summary: Record<string, unknown> = {};
  if (workout.energy !== undefined) summary.caloriesKcal = Math.round(workout.energy.value * 10) / 10;
  if (workout.distance !== undefined) summary.distanceMillimeters = int64(workout.distance.value * 1000);
  if (workout.heartRate !== undefined)
    summary.averageHeartRateBeatsPerMinute = workout.heartRate.average.value;
  const json = envelope('exercise', ctx, 'exercise', {
    interval: interval(startMs, endMs, ctx.offsetMinutes),
    exerciseType: EXERCISE_TYPES[workout.sport] ?? 'OTHER',
    displayName: workout.name ?? workout.sport,
    ...(workout.movingTime === undefined ? {} : { activeDuration: duration(workout.movingTime.value) }),
    metricsSummary: summary,
  });
  return { id: ctx.id, keyTimeMs: startMs, json };
}

export function sleepPoint(
  stages: readonly { type: string; startMs: number; endMs: number }[],
  ctx: PointContext,
): StoredPoint {
  const startMs = stages[0]?.startMs ?? 0;
  const endMs = stages.at(-1)?.endMs ?? startMs;
  const json = envelope('sleep', ctx, 'sleep', {
    interval: interval(startMs, endMs, ctx.offsetMinutes),
    type: 'STAGES',
    stages: stages.map((s) => ({ startTime: iso(s.startMs), endTime: iso(s.endMs), type: s.type })),
    metadata: { nap: false, mainSleep: true, processed: true },
  });
  return { id: ctx.id, keyTimeMs: endMs, json };
}

export function stepsPoint(startMs: number, endMs: number, count: number, ctx: PointContext): StoredPoint {
  const json = envelope('steps', ctx, 'steps', {
    interval: interval(startMs, endMs, ctx.offsetMinutes),
    count: int64(count),
  });
  return { id: ctx.id, keyTimeMs: startMs, json };
}

function sample(timeMs: number, offsetMinutes: number) {
  return { physicalTime: iso(timeMs), utcOffset: duration(offsetMinutes * 60) };
}

export function heartRatePoint(timeMs: number, bpm: number, ctx: PointContext): StoredPoint {
  const json = envelope('heart-rate', ctx, 'heartRate', {
    sampleTime: sample(timeMs, ctx.offsetMinutes),
    beatsPerMinute: int64(bpm),
  });
  return { id: ctx.id, keyTimeMs: timeMs, json };
}

export function weightPoint(timeMs: number, kg: number, ctx: PointContext): StoredPoint {
  const json = envelope('weight', ctx, 'weight', {
    sampleTime: sample(timeMs, ctx.offsetMinutes),
    weightGrams: int64(kg * 1000),
  });
  return { id: ctx.id, keyTimeMs: timeMs, json };
}

export function bodyFatPoint(timeMs: number, percent: number, ctx: PointContext): StoredPoint {
  const json = envelope('body-fat', ctx, 'bodyFat', {
    sampleTime: sample(timeMs, ctx.offsetMinutes),
    percentage: percent,
  });
  return { id: ctx.id, keyTimeMs: timeMs, json };
}
