import { dailyActivity, localDateOf, type DailyActivity } from '@syncwell/core';
import type { z } from 'zod';
import { invalid, WHOOP_DEVICE, type WhoopMapping } from './mapping.js';
import type { WhoopCycle, WhoopRecovery } from './schemas.js';
import { kilojouleToKcal, offsetMinutes, utcIso } from './whoop-time.js';

const HALF_DAY_MS = 12 * 3_600_000;

/**
 * A WHOOP cycle is a physiological day: it starts when the user falls asleep (usually the
 * evening before) and ends at the next sleep. We file it under the local date of start + 12 h,
 * which is the day WHOOP's app shows it on for a normal night (23:00 → next day; 01:00 → same day).
 */
export function cycleLocalDate(startIso: string, offset: number): string {
  return localDateOf(new Date(Date.parse(startIso) + HALF_DAY_MS).toISOString(), offset);
}

/**
 * Cycle (+ its recovery) → daily activity: `kilojoule` is the whole day's expenditure, so it is
 * `totalEnergy` (kcal), never `activeEnergy`; resting HR comes from the recovery. WHOOP has no
 * steps or distance. A running cycle (no `end`) or a recovery still pending is emitted but not
 * final: DESIGN §8 overwrites daily records by day.
 */
export function whoopCycleToDaily(
  cycle: WhoopCycle,
  recovery: WhoopRecovery | null,
): WhoopMapping<DailyActivity> {
  if (cycle.score_state === 'PENDING_SCORE') return { kind: 'pending' };
  const start = utcIso(cycle.start);
  const offset = offsetMinutes(cycle.timezone_offset);
  if (start === undefined) return { kind: 'invalid', message: 'start unreadable' };
  if (offset === undefined) return { kind: 'invalid', message: 'timezone_offset unreadable' };
  const kilojoule = cycle.score_state === 'SCORED' ? cycle.score?.kilojoule : undefined;
  const resting = recovery?.score_state === 'SCORED' ? recovery.score?.resting_heart_rate : undefined;
  const candidate: z.input<typeof dailyActivity> = {
    type: 'daily_activity',
    provenance: { provider: 'whoop', externalId: cycle.id, device: WHOOP_DEVICE },
    date: cycleLocalDate(start, offset),
    utcOffsetMinutes: offset,
    ...(typeof kilojoule === 'number'
      ? { totalEnergy: { value: kilojouleToKcal(kilojoule), unit: 'kcal' } }
      : {}),
    ...(typeof resting === 'number' ? { restingHeartRate: { value: resting, unit: '/min' } } : {}),
  };
  const parsed = dailyActivity.safeParse(candidate);
  if (!parsed.success) return invalid(parsed.error, 'cycle');
  const final = cycle.end !== null && cycle.end !== undefined && recovery?.score_state !== 'PENDING_SCORE';
  return { kind: 'record', record: parsed.data, final };
}
