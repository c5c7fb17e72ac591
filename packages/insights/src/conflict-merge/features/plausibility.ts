import type { SportType } from '@syncwell/core';

/**
 * Moving speeds people really reach, m/s (recreational to strong amateur), from public pace
 * tables. Deliberately not the generator's numbers: a feature reads a record's speed against
 * what is humanly plausible, not against how the training data was made.
 */
const SPEED_RANGE: Partial<Record<SportType, readonly [number, number]>> = {
  running: [1.8, 6],
  trail_running: [1.1, 5],
  treadmill_running: [1.5, 6],
  walking: [0.7, 2.2],
  hiking: [0.4, 2],
  cycling: [3, 14],
  mountain_biking: [1.8, 10],
  indoor_cycling: [3, 14],
  rowing: [1.5, 5.5],
  swimming: [0.3, 2],
  open_water_swimming: [0.3, 2],
  cross_country_skiing: [1.5, 8],
};

/**
 * log(speed / the middle of the sport's range): about 0 for an ordinary pace, beyond ±0.7 outside
 * what people do (a drive home in a run, a distance counted twice). NaN when the sport has no
 * distance or the speed is unknown.
 */
export function speedPlausibility(sport: SportType, speedMps: number): number {
  const range = SPEED_RANGE[sport];
  if (range === undefined || !(speedMps > 0)) return Number.NaN;
  return Math.log(speedMps / Math.sqrt(range[0] * range[1]));
}

/** 0: `other`; 1: a family's plain label (running, cycling, walking, swimming); 2: a specific sport. */
export function sportSpecificity(sport: SportType): number {
  if (sport === 'other') return 0;
  return sport === 'running' || sport === 'cycling' || sport === 'walking' || sport === 'swimming' ? 1 : 2;
}

/**
 * Energy per minute a heart rate implies for an average adult (Keytel et al. 2005, the mean of the
 * male and female equations at 75 kg, 40 years). The wearer's own mass and age move it by ±25 %,
 * so it tells a plausible estimate from one that ignored the heart rate, not the exact figure.
 */
export function heartRateKcalPerMinute(heartRate: number): number {
  const male = -55.0969 + 0.6309 * heartRate + 0.1988 * 75 + 0.2017 * 40;
  const female = -20.4022 + 0.4472 * heartRate - 0.1263 * 75 + 0.074 * 40;
  return Math.max(1, (male + female) / 2 / 4.184);
}

/** log(a / b), NaN unless both are positive. */
export function logRatio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && a > 0 && b > 0 ? Math.log(a / b) : Number.NaN;
}

/** Whether an instant sits on a round wall-clock step (5 or 15 minutes, zero seconds): typed by hand. */
export function onRoundStep(ms: number, stepMinutes: number): number {
  return ms % (stepMinutes * 60_000) === 0 ? 1 : 0;
}
