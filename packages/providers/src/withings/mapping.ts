import {
  bodyMeasurement,
  dailyActivity,
  heartRateSamples,
  sleepSession,
  workout,
  type CanonicalRecord,
  type SleepStage,
} from '@syncwell/core';
import type { z } from 'zod';
import { WITHINGS_MEASURE_TYPES, WITHINGS_SLEEP_STATES } from './facts.js';
import { scaledMeasure } from './measure-scale.js';
import type {
  WithingsActivity,
  WithingsMeasureGroup,
  WithingsSleepState,
  WithingsSleepSummary,
  WithingsWorkout,
} from './schemas.js';
import { sportFromWithings } from './sport-table.js';
import { offsetMinutesAt } from './timezone.js';

/** `skip`: a valid payload that holds nothing we sync (a blood-pressure-only group, a goal). */
export type Mapped = { ok: true; record: CanonicalRecord } | { ok: false; message: string } | { ok: 'skip' };

const iso = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString();
const REAL_MEASURE_CATEGORY = 1;

function validated(schema: z.ZodType<CanonicalRecord>, candidate: unknown, what: string): Mapped {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data };
  const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { ok: false, message: `${what} failed validation at ${fields.join(', ')}` };
}

function offsetOrFail(timeZone: string, epochSeconds: number): number | string {
  return offsetMinutesAt(timeZone, epochSeconds * 1000) ?? `unknown timezone ${timeZone}`;
}

/** A `getmeas` group → weight and fat %; `timezone` is the response's (groups carry none). */
export function measureGroupToBody(group: WithingsMeasureGroup, timeZone: string): Mapped {
  // Category 2 groups are the user's objectives, not measurements.
  if (group.category !== undefined && group.category !== null && group.category !== REAL_MEASURE_CATEGORY)
    return { ok: 'skip' };
  const find = (type: number) => group.measures.find((m) => m.type === type);
  const weight = find(WITHINGS_MEASURE_TYPES.weightKg);
  const fat = find(WITHINGS_MEASURE_TYPES.fatRatioPercent);
  if (weight === undefined && fat === undefined) return { ok: 'skip' };
  const offset = offsetOrFail(timeZone, group.date);
  if (typeof offset === 'string') return { ok: false, message: offset };
  return validated(
    bodyMeasurement,
    {
      type: 'body_measurement',
      provenance: provenanceOf(group.grpid),
      time: iso(group.date),
      utcOffsetMinutes: offset,
      ...(weight === undefined
        ? {}
        : { weight: { value: scaledMeasure(weight.value, weight.unit), unit: 'kg' } }),
      ...(fat === undefined ? {} : { bodyFat: { value: scaledMeasure(fat.value, fat.unit), unit: '%' } }),
    },
    'measure group',
  );
}

/** One `getactivity` day. Its `date` is already the local day in its `timezone`. */
export function activityToDaily(activity: WithingsActivity): Mapped {
  const noon = Date.parse(`${activity.date}T12:00:00Z`) / 1000;
  const offset = offsetOrFail(activity.timezone, noon);
  if (typeof offset === 'string') return { ok: false, message: offset };
  const { steps, distance, calories, totalcalories } = activity;
  const activeSeconds =
    activity.active ?? sumPresent([activity.soft, activity.moderate, activity.intense]) ?? undefined;
  return validated(
    dailyActivity,
    {
      type: 'daily_activity',
      provenance: provenanceOf(activity.date),
      date: activity.date,
      utcOffsetMinutes: offset,
      ...(steps == null ? {} : { steps: { value: steps, unit: '{steps}' } }),
      ...(distance == null ? {} : { distance: { value: distance, unit: 'm' } }),
      ...(calories == null ? {} : { activeEnergy: { value: calories, unit: 'kcal' } }),
      ...(totalcalories == null ? {} : { totalEnergy: { value: totalcalories, unit: 'kcal' } }),
      ...(activeSeconds === undefined ? {} : { activeTime: { value: activeSeconds, unit: 's' } }),
    },
    'activity day',
  );
}

/** A sleep summary plus its `sleep get` states (0 awake, 1 light, 2 deep, 3 REM). */
export function sleepToSession(summary: WithingsSleepSummary, states: readonly WithingsSleepState[]): Mapped {
  const offset = offsetOrFail(summary.timezone, summary.startdate);
  if (typeof offset === 'string') return { ok: false, message: offset };
  const stages: SleepStage[] = [];
  for (const state of [...states].sort((a, b) => a.startdate - b.startdate)) {
    // A state outside 0–3 is still sleep time; its kind is unknown.
    const known: Readonly<Record<number, SleepStage['stage']>> = WITHINGS_SLEEP_STATES;
    const stage = known[state.state] ?? 'asleep_unspecified';
    const start = Math.max(state.startdate, summary.startdate);
    const end = Math.min(state.enddate, summary.enddate);
    if (end > start) stages.push({ stage, startTime: iso(start), endTime: iso(end) });
  }
  return validated(
    sleepSession,
    {
      type: 'sleep',
      provenance: provenanceOf(summary.id),
      startTime: iso(summary.startdate),
      endTime: iso(summary.enddate),
      utcOffsetMinutes: offset,
      stages,
    },
    'sleep summary',
  );
}

export function workoutToCanonical(raw: WithingsWorkout): Mapped {
  const offset = offsetOrFail(raw.timezone, raw.startdate);
  if (typeof offset === 'string') return { ok: false, message: offset };
  const data = raw.data ?? {};
  const { hr_average: average, hr_max: maximum } = data;
  return validated(
    workout,
    {
      type: 'workout',
      provenance: provenanceOf(raw.id),
      sport: sportFromWithings(raw.category),
      startTime: iso(raw.startdate),
      endTime: iso(raw.enddate),
      utcOffsetMinutes: offset,
      ...(data.effduration == null ? {} : { movingTime: { value: data.effduration, unit: 's' } }),
      ...(data.distance == null ? {} : { distance: { value: data.distance, unit: 'm' } }),
      ...(data.calories == null ? {} : { energy: { value: data.calories, unit: 'kcal' } }),
      ...(average == null || maximum == null || average <= 0
        ? {}
        : {
            heartRate: {
              average: { value: average, unit: '/min' },
              maximum: { value: maximum, unit: '/min' },
            },
          }),
    },
    'workout',
  );
}

/** One local day of intraday heart rate; samples outside `[fromMs, toMs)` are dropped. */
export function intradayToHeartRate(
  series: Readonly<Record<string, { heart_rate?: number | null | undefined }>>,
  day: { date: string; fromMs: number; toMs: number; offsetMinutes: number },
): Mapped {
  const samples = Object.entries(series)
    .map(([epoch, point]) => ({ ms: Number(epoch) * 1000, bpm: point.heart_rate }))
    .filter(
      (s): s is { ms: number; bpm: number } =>
        typeof s.bpm === 'number' && s.ms >= day.fromMs && s.ms < day.toMs,
    )
    .sort((a, b) => a.ms - b.ms)
    .map((s) => ({ time: new Date(s.ms).toISOString(), bpm: Math.round(s.bpm) }));
  if (samples.length === 0) return { ok: 'skip' };
  return validated(
    heartRateSamples,
    {
      type: 'heart_rate',
      provenance: { provider: 'withings', externalId: `hr-${day.date}` },
      date: day.date,
      utcOffsetMinutes: day.offsetMinutes,
      samples,
    },
    'heart-rate day',
  );
}

/** `deviceid` is an opaque hash, not a model name, so only the manufacturer is recorded. */
function provenanceOf(externalId: string) {
  return { provider: 'withings' as const, externalId, device: { manufacturer: 'Withings' } };
}

function sumPresent(values: readonly (number | null | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}
