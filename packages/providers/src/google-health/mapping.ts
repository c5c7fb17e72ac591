import {
  bodyMeasurement,
  localDateOf,
  sleepSession,
  workout,
  type BodyMeasurement,
  type Provenance,
  type SleepSession,
  type SleepStage,
  type Workout,
} from '@syncwell/core';
import type { z } from 'zod';
import { durationSeconds, offsetMinutes, utcIso } from './google-time.js';
import type { BodyFatPoint, ExercisePoint, SleepPoint, WeightPoint } from './schemas.js';
import { sportFromGoogle } from './sport-table.js';

export type Mapped<T> = { ok: true; record: T } | { ok: false; message: string };

/** A data point's `name` is `users/me/dataTypes/<type>/dataPoints/<id>`: the id is the last part. */
export function pointId(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const id = name.slice(name.lastIndexOf('/') + 1);
  return id === '' ? undefined : id.slice(0, 200);
}

export function provenanceOf(
  point: {
    name?: string | undefined;
    dataSource?: { device?: { displayName?: string | undefined } | undefined } | undefined;
  },
  fallbackId: string,
): Provenance {
  const model = point.dataSource?.device?.displayName;
  return {
    provider: 'google_health',
    externalId: pointId(point.name) ?? fallbackId.slice(0, 200),
    ...(model === undefined ? {} : { device: { model: model.slice(0, 100) } }),
  };
}

function validated<S extends z.ZodType>(schema: S, candidate: unknown, what: string): Mapped<z.infer<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data };
  const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { ok: false, message: `${what} failed validation at ${fields.join(', ')}` };
}

/**
 * An Exercise session → workout. Traps: distance is in millimetres, `activeDuration` is a
 * Duration string, the offset is `startUtcOffset` in seconds. Only an average heart rate is
 * summarised, and the canonical summary needs average and maximum, so none is carried.
 */
export function exerciseToWorkout(point: ExercisePoint): Mapped<Workout> {
  const { interval, metricsSummary: summary } = point.exercise;
  const startTime = utcIso(interval.startTime);
  const endTime = utcIso(interval.endTime);
  const offset = offsetMinutes(interval.startUtcOffset);
  if (startTime === undefined || endTime === undefined)
    return { ok: false, message: 'interval is not RFC 3339' };
  if (offset === undefined) return { ok: false, message: 'startUtcOffset is not a Duration' };
  const moving = durationSeconds(point.exercise.activeDuration);
  return validated(
    workout,
    {
      type: 'workout',
      provenance: provenanceOf(point, `exercise-${startTime}`),
      sport: sportFromGoogle(point.exercise.exerciseType),
      ...(point.exercise.displayName === undefined ? {} : { name: point.exercise.displayName.slice(0, 255) }),
      startTime,
      endTime,
      utcOffsetMinutes: offset,
      ...(moving === undefined ? {} : { movingTime: { value: moving, unit: 's' } }),
      ...(summary?.distanceMillimeters === undefined
        ? {}
        : { distance: { value: summary.distanceMillimeters / 1000, unit: 'm' } }),
      ...(summary?.caloriesKcal === undefined
        ? {}
        : { energy: { value: summary.caloriesKcal, unit: 'kcal' } }),
      laps: [],
    },
    'exercise',
  );
}

const STAGES: Readonly<Record<string, SleepStage['stage']>> = {
  AWAKE: 'awake',
  LIGHT: 'light',
  DEEP: 'deep',
  REM: 'rem',
  // "Classic" (non-stage) nights say only asleep/restless.
  ASLEEP: 'asleep_unspecified',
  RESTLESS: 'asleep_unspecified',
};

/** A Sleep session → sleep with stages; unknown stage types become `asleep_unspecified`. */
export function sleepToSession(point: SleepPoint): Mapped<SleepSession> {
  const { interval, stages } = point.sleep;
  const startTime = utcIso(interval.startTime);
  const endTime = utcIso(interval.endTime);
  const offset = offsetMinutes(interval.startUtcOffset);
  if (startTime === undefined || endTime === undefined)
    return { ok: false, message: 'interval is not RFC 3339' };
  if (offset === undefined) return { ok: false, message: 'startUtcOffset is not a Duration' };
  const mapped: SleepStage[] = [];
  for (const stage of stages) {
    const from = utcIso(stage.startTime);
    const to = utcIso(stage.endTime);
    if (from === undefined || to === undefined) return { ok: false, message: 'a stage time is not RFC 3339' };
    mapped.push({
      stage: STAGES[stage.type.toUpperCase()] ?? 'asleep_unspecified',
      startTime: from,
      endTime: to,
    });
  }
  return validated(
    sleepSession,
    {
      type: 'sleep',
      provenance: provenanceOf(point, `sleep-${startTime}`),
      startTime,
      endTime,
      utcOffsetMinutes: offset,
      stages: mapped,
    },
    'sleep',
  );
}

/**
 * Weight samples (grams → kg) and body-fat samples → body measurements. Both types are read for
 * one request; a fat reading taken at the same instant as a weight joins it, as on a scale.
 */
export function bodyMeasurements(
  weights: readonly WeightPoint[],
  fats: readonly BodyFatPoint[],
): Mapped<BodyMeasurement>[] {
  const byTime = new Map<string, { weight?: WeightPoint; fat?: BodyFatPoint }>();
  for (const w of weights) byTime.set(w.weight.sampleTime.physicalTime, { weight: w });
  for (const f of fats) {
    const entry = byTime.get(f.bodyFat.sampleTime.physicalTime) ?? {};
    byTime.set(f.bodyFat.sampleTime.physicalTime, { ...entry, fat: f });
  }
  return [...byTime.entries()].map(([physicalTime, { weight, fat }]) => {
    const time = utcIso(physicalTime);
    const offset = offsetMinutes((weight?.weight ?? fat?.bodyFat)?.sampleTime.utcOffset);
    if (time === undefined || offset === undefined) return { ok: false, message: 'sampleTime is unreadable' };
    const source = weight ?? fat;
    return validated(
      bodyMeasurement,
      {
        type: 'body_measurement',
        provenance: provenanceOf(source ?? {}, `body-${time}`),
        time,
        utcOffsetMinutes: offset,
        ...(weight === undefined ? {} : { weight: { value: weight.weight.weightGrams / 1000, unit: 'kg' } }),
        ...(fat === undefined ? {} : { bodyFat: { value: fat.bodyFat.percentage, unit: '%' } }),
      },
      'body measurement',
    );
  });
}

/** The local day of an instant, as Google's civil time would give it. */
export function localDay(instantIso: string, offset: number): string {
  return localDateOf(instantIso, offset);
}
