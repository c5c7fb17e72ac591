import { workout, type CanonicalRecord, type Workout } from '@syncwell/core';
import type { z } from 'zod';
import type { WhoopWorkout } from './schemas.js';
import { sportFromWhoop } from './sport-table.js';
import { kilojouleToKcal, offsetMinutes, utcIso } from './whoop-time.js';

/**
 * What one raw WHOOP record becomes. `pending` (PENDING_SCORE) is not final and not emitted: the
 * reader re-reads it later. `final: false` marks records emitted now that will still change
 * (a running cycle), which also keeps the reader's cursor behind them.
 */
export type WhoopMapping<R extends CanonicalRecord = CanonicalRecord> =
  | { readonly kind: 'record'; readonly record: R; readonly final: boolean }
  | { readonly kind: 'pending' }
  | { readonly kind: 'invalid'; readonly message: string };

export function invalid(error: z.ZodError, what: string): { kind: 'invalid'; message: string } {
  const fields = error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { kind: 'invalid', message: `${what} failed validation at ${fields.join(', ')}` };
}

export const WHOOP_DEVICE = { manufacturer: 'WHOOP' } as const;

/**
 * A v2 workout → canonical workout. WHOOP has no GPS, laps or moving time; `kilojoule` is
 * converted to kcal; strain has no canonical field and is dropped. UNSCORABLE workouts keep
 * their times and sport only.
 */
export function whoopWorkoutToWorkout(raw: WhoopWorkout): WhoopMapping<Workout> {
  if (raw.score_state === 'PENDING_SCORE') return { kind: 'pending' };
  const startTime = utcIso(raw.start);
  const endTime = utcIso(raw.end);
  const offset = offsetMinutes(raw.timezone_offset);
  if (startTime === undefined || endTime === undefined)
    return { kind: 'invalid', message: 'start/end unreadable' };
  if (offset === undefined) return { kind: 'invalid', message: 'timezone_offset unreadable' };
  const score = raw.score_state === 'SCORED' ? raw.score : undefined;
  const average = score?.average_heart_rate;
  const maximum = score?.max_heart_rate;
  const candidate: z.input<typeof workout> = {
    type: 'workout',
    provenance: { provider: 'whoop', externalId: raw.id, device: WHOOP_DEVICE },
    sport: sportFromWhoop(raw.sport_name, raw.sport_id),
    startTime,
    endTime,
    utcOffsetMinutes: offset,
    ...(typeof score?.distance_meter === 'number'
      ? { distance: { value: score.distance_meter, unit: 'm' } }
      : {}),
    ...(typeof score?.kilojoule === 'number'
      ? { energy: { value: kilojouleToKcal(score.kilojoule), unit: 'kcal' } }
      : {}),
    ...(typeof average === 'number' && typeof maximum === 'number'
      ? {
          heartRate: { average: { value: average, unit: '/min' }, maximum: { value: maximum, unit: '/min' } },
        }
      : {}),
    laps: [],
  };
  const parsed = workout.safeParse(candidate);
  return parsed.success
    ? { kind: 'record', record: parsed.data, final: true }
    : invalid(parsed.error, 'workout');
}
