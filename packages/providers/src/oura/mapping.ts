import { dailyActivity, sleepSession, workout } from '@syncwell/core';
import type { DailyActivity, SleepSession, Workout } from '@syncwell/core';
import type { z } from 'zod';
import { stagesFromHypnogram } from './hypnogram.js';
import { parseOffsetDateTime } from './offset-time.js';
import type { OuraDailyActivity, OuraSleep, OuraWorkout } from './schemas.js';
import { sportFromOura } from './sport-table.js';

/** A mapped record, or why the raw one cannot become canonical (a per-item reason, never a throw). */
export type Mapped<T> = { ok: true; record: T } | { ok: false; message: string };

export const OURA_DEVICE = { manufacturer: 'Oura', model: 'Oura Ring' } as const;

/** Sleep types that are not sleep: `rest` periods and tombstones of periods the user deleted. */
const NOT_SLEEP = new Set(['rest', 'deleted']);

/** Validates a candidate with the canonical schema and names the failing fields (never values). */
export function checked<S extends z.ZodType>(
  schema: S,
  candidate: z.input<S>,
  what: string,
): Mapped<z.output<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data };
  const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { ok: false, message: `${what} failed validation at ${fields.join(', ')}` };
}

/** Oura workouts carry times with the wearer's offset, no GPS and no heart-rate summary. */
export function ouraWorkoutToCanonical(raw: OuraWorkout): Mapped<Workout> {
  const start = parseOffsetDateTime(raw.start_datetime);
  const end = parseOffsetDateTime(raw.end_datetime);
  if (start === undefined || end === undefined) return { ok: false, message: 'workout time lacks an offset' };
  const label = raw.label?.trim();
  return checked(
    workout,
    {
      type: 'workout',
      provenance: { provider: 'oura', externalId: raw.id, device: OURA_DEVICE },
      sport: sportFromOura(raw.activity),
      ...(label ? { name: label.slice(0, 255) } : {}),
      startTime: start.iso,
      endTime: end.iso,
      utcOffsetMinutes: start.offsetMinutes,
      ...(raw.distance == null ? {} : { distance: { value: raw.distance, unit: 'm' as const } }),
      ...(raw.calories == null ? {} : { energy: { value: raw.calories, unit: 'kcal' as const } }),
      laps: [],
    },
    'workout',
  );
}

/**
 * A daily summary keyed by Oura's local `day`; the offset comes from `timestamp`, which marks the
 * start of that activity day in the wearer's zone. Active time is high + medium + low activity.
 */
export function ouraDailyActivityToCanonical(raw: OuraDailyActivity): Mapped<DailyActivity> {
  const stamp = parseOffsetDateTime(raw.timestamp);
  if (stamp === undefined) return { ok: false, message: 'daily activity timestamp lacks an offset' };
  const parts = [raw.high_activity_time, raw.medium_activity_time, raw.low_activity_time];
  const known = parts.filter((p): p is number => p != null);
  return checked(
    dailyActivity,
    {
      type: 'daily_activity',
      provenance: { provider: 'oura', externalId: raw.id, device: OURA_DEVICE },
      date: raw.day,
      utcOffsetMinutes: stamp.offsetMinutes,
      steps: { value: raw.steps, unit: '{steps}' },
      ...(raw.equivalent_walking_distance == null
        ? {}
        : { distance: { value: raw.equivalent_walking_distance, unit: 'm' as const } }),
      ...(raw.active_calories == null
        ? {}
        : { activeEnergy: { value: raw.active_calories, unit: 'kcal' as const } }),
      ...(raw.total_calories == null
        ? {}
        : { totalEnergy: { value: raw.total_calories, unit: 'kcal' as const } }),
      ...(known.length === 0
        ? {}
        : { activeTime: { value: known.reduce((a, b) => a + b, 0), unit: 's' as const } }),
    },
    'daily activity',
  );
}

/** Whether an Oura sleep document is a sleep period SyncWell syncs (not a rest or a deletion). */
export function isSleepPeriod(raw: Pick<OuraSleep, 'type'>): boolean {
  return !NOT_SLEEP.has(raw.type);
}

export function ouraSleepToCanonical(raw: OuraSleep): Mapped<SleepSession> {
  const start = parseOffsetDateTime(raw.bedtime_start);
  const end = parseOffsetDateTime(raw.bedtime_end);
  if (start === undefined || end === undefined) return { ok: false, message: 'bedtime lacks an offset' };
  const stages =
    raw.sleep_phase_5_min == null || raw.sleep_phase_5_min === ''
      ? []
      : stagesFromHypnogram(raw.sleep_phase_5_min, start.utcMs, end.utcMs);
  if (stages === undefined) return { ok: false, message: 'sleep_phase_5_min holds an unknown stage' };
  return checked(
    sleepSession,
    {
      type: 'sleep',
      provenance: { provider: 'oura', externalId: raw.id, device: OURA_DEVICE },
      startTime: start.iso,
      endTime: end.iso,
      utcOffsetMinutes: start.offsetMinutes,
      stages,
    },
    'sleep',
  );
}
