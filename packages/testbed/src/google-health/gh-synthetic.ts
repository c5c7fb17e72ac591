import type { SeededRandom } from '../synthetic/seeded-random.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import {
  bodyFatPoint,
  heartRatePoint,
  sleepPoint,
  stepsPoint,
  weightPoint,
  type PointContext,
} from './gh-point-json.js';
import type { GoogleUser } from './gh-state.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Fills `days` whole local days before `nowMs` with plausible series: hourly step intervals,
 * heart rate every 15 minutes, one staged night per day, a morning weigh-in with body fat every
 * other day. Deterministic for a given random stream.
 */
export function seedDailySeries(
  user: GoogleUser,
  athlete: SyntheticAthlete,
  days: number,
  nowMs: number,
  random: SeededRandom,
  nextId: () => string,
  device: string,
): void {
  const offsetMs = user.utcOffsetMinutes * 60_000;
  // Local midnight of today, expressed in UTC.
  const todayMs = Math.floor((nowMs + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  const ctx = (): PointContext => ({ id: nextId(), offsetMinutes: user.utcOffsetMinutes, device });
  for (let d = days; d >= 1; d -= 1) {
    const dayMs = todayMs - d * DAY_MS;
    for (let h = 7; h < 22; h += 1) {
      const count = random.int(0, 1400);
      if (count > 0)
        user.points.steps.push(stepsPoint(dayMs + h * HOUR_MS, dayMs + (h + 1) * HOUR_MS, count, ctx()));
    }
    for (let m = 0; m < 24 * 60; m += 15) {
      const bpm = athlete.restingHeartRate + random.int(0, 35);
      user.points['heart-rate'].push(heartRatePoint(dayMs + m * 60_000, bpm, ctx()));
    }
    // The night ending this morning: fell asleep ~23:00 the day before.
    let at = dayMs - HOUR_MS + random.int(-30, 30) * 60_000;
    const stages: { type: string; startMs: number; endMs: number }[] = [];
    for (const type of ['AWAKE', 'LIGHT', 'DEEP', 'LIGHT', 'REM', 'LIGHT', 'DEEP', 'REM', 'AWAKE']) {
      const minutes = type === 'AWAKE' ? random.int(3, 12) : random.int(30, 70);
      stages.push({ type, startMs: at, endMs: at + minutes * 60_000 });
      at += minutes * 60_000;
    }
    user.points.sleep.push(sleepPoint(stages, ctx()));
    if (d % 2 === 0) {
      const weighIn = dayMs + 7 * HOUR_MS + random.int(0, 59) * 60_000;
      user.points.weight.push(weightPoint(weighIn, athlete.weightKg + random.between(-0.8, 0.8), ctx()));
      user.points['body-fat'].push(
        bodyFatPoint(weighIn, Math.round(random.between(14, 26) * 10) / 10, ctx()),
      );
    }
  }
}
