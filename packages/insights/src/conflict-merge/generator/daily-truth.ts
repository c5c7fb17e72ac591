import type { DailyActivity } from '@syncwell/core';
import { basalKcalPerDay, type Persona } from './persona.js';
import type { Random } from './random.js';

/** One local day's activity hour by hour: totals are sums over any window of hours. */
export interface DayProfile {
  /** Per local hour 0–23. */
  readonly steps: readonly number[];
  readonly distanceM: readonly number[];
  readonly activeKcal: readonly number[];
  readonly activeS: readonly number[];
  readonly basalKcal: number;
  readonly restingHr: number;
}

function drawHourlyShares(random: Random): number[] {
  const wake = random.uniform(5.5, 8.5);
  const sleep = random.uniform(21.5, 24);
  const workoutHour = random.chance(0.5) ? random.int(Math.ceil(wake), Math.floor(sleep) - 1) : -1;
  const shares = Array.from({ length: 24 }, (_, h) => {
    if (h + 1 <= wake || h >= sleep) return random.uniform(0, 0.02);
    let w = random.uniform(0.5, 1.5);
    if (h === 8 || h === 17 || h === 18) w *= random.uniform(1.5, 2.5); // commutes
    if (h === workoutHour) w *= random.uniform(4, 8);
    return w;
  });
  const total = shares.reduce((a, b) => a + b, 0);
  return shares.map((s) => s / total);
}

/** A day of one person: steps ~ log-normal around 8,000, energy from steps and body mass. */
export function drawDay(random: Random, persona: Persona): DayProfile {
  const shares = drawHourlyShares(random);
  const steps = Math.min(30_000, Math.max(1_500, Math.exp(random.normal(Math.log(8_000), 0.45))));
  const stride = persona.strideM * random.uniform(0.95, 1.05);
  const kcalPerStep = 0.045 * (persona.weightKg / 70) * random.uniform(0.8, 1.2);
  const extraKcal = random.chance(0.4) ? random.uniform(150, 600) : 0;
  const activeS =
    (steps / 100) * 60 * random.uniform(0.6, 1) + (extraKcal > 0 ? random.uniform(1800, 5400) : 0);
  return {
    steps: shares.map((s) => s * steps),
    distanceM: shares.map((s) => s * steps * stride),
    activeKcal: shares.map((s) => s * (steps * kcalPerStep + extraKcal)),
    activeS: shares.map((s) => s * activeS),
    basalKcal: basalKcalPerDay(persona) * random.uniform(0.97, 1.03),
    restingHr: persona.restingHr + random.int(-2, 2),
  };
}

/**
 * Totals over local hours [from, to) of three consecutive days (−24..48): a whole day is [0, 24),
 * a day cut off at 15:00 is [0, 15), a day read in a zone 3 h west is [−3, 21).
 */
export function windowTotals(
  days: readonly [DayProfile, DayProfile, DayProfile],
  from: number,
  to: number,
): { steps: number; distanceM: number; activeKcal: number; activeS: number; basalKcal: number } {
  const sum = { steps: 0, distanceM: 0, activeKcal: 0, activeS: 0, basalKcal: 0 };
  for (let h = Math.floor(from); h < Math.ceil(to); h++) {
    const day = days[h < 0 ? 0 : h < 24 ? 1 : 2];
    const hour = ((h % 24) + 24) % 24;
    const w = Math.min(to, h + 1) - Math.max(from, h);
    sum.steps += (day.steps[hour] as number) * w;
    sum.distanceM += (day.distanceM[hour] as number) * w;
    sum.activeKcal += (day.activeKcal[hour] as number) * w;
    sum.activeS += (day.activeS[hour] as number) * w;
    sum.basalKcal += (day.basalKcal / 24) * w;
  }
  return sum;
}

/** A daily record from window totals, with a device's measurement error. */
export function dayRecord(
  random: Random,
  date: string,
  offset: number,
  totals: ReturnType<typeof windowTotals>,
  restingHr: number | undefined,
  noise: number,
): DailyActivity {
  const jitter = (x: number, rel: number) => x * (1 + random.uniform(-rel, rel) * noise);
  const active = jitter(totals.activeKcal, 0.03);
  return {
    type: 'daily_activity',
    provenance: { provider: 'garmin', externalId: 'pending' },
    date,
    utcOffsetMinutes: offset,
    steps: { value: Math.round(jitter(totals.steps, 0.01)), unit: '{steps}' },
    distance: { value: Math.round(jitter(totals.distanceM, 0.015)), unit: 'm' },
    activeEnergy: { value: Math.round(active), unit: 'kcal' },
    totalEnergy: { value: Math.round(active + jitter(totals.basalKcal, 0.02)), unit: 'kcal' },
    activeTime: { value: Math.round(jitter(totals.activeS, 0.03)), unit: 's' },
    ...(restingHr === undefined
      ? {}
      : { restingHeartRate: { value: Math.round(restingHr + random.uniform(-1, 1) * noise), unit: '/min' } }),
  };
}
