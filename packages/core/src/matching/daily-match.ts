import type { DailyActivity } from '../records/daily-activity.js';
import type { HeartRateSamples } from '../records/heart-rate.js';
import type { HrvSamples, Spo2Samples } from '../records/vital-samples.js';
import { different, type MatchResult } from './match-result.js';
import { closeness, within } from './tolerances.js';

type DailyField = Exclude<keyof DailyActivity, 'type' | 'provenance' | 'date' | 'utcOffsetMinutes'>;

/**
 * How far two providers' totals for one day may drift and still be "equal": rounding of
 * distance and energy, and steps counted by the same device but synced at slightly different
 * moments. Relative to the larger value, or the absolute floor, whichever is looser.
 */
const DAILY_TOLERANCES: Readonly<Record<DailyField, { relative: number; absolute: number }>> = {
  steps: { relative: 0.01, absolute: 10 },
  distance: { relative: 0.01, absolute: 10 },
  activeEnergy: { relative: 0.02, absolute: 5 },
  totalEnergy: { relative: 0.02, absolute: 5 },
  activeTime: { relative: 0.02, absolute: 60 },
  restingHeartRate: { relative: 0, absolute: 1 },
};
const DAILY_FIELDS = Object.keys(DAILY_TOLERANCES) as DailyField[];

/**
 * Daily summaries share a slot when they are for the same LOCAL day (the `date` field, never the
 * UTC day: that is how activities end up shifted by a day). Equal within tolerance on every field
 * both sides have → `same`; otherwise `conflict`. A field only one side has is not a conflict
 * (one provider does not measure it).
 *
 * @example matchDailyActivity(ouraDay, garminDay).verdict === 'conflict' // steps differ
 */
export function matchDailyActivity(a: DailyActivity, b: DailyActivity): MatchResult {
  if (a.date !== b.date) return different('different_local_day');
  let score = 1;
  let equal = true;
  for (const field of DAILY_FIELDS) {
    const x = a[field];
    const y = b[field];
    if (x === undefined || y === undefined) continue;
    const { relative, absolute } = DAILY_TOLERANCES[field];
    if (!within(x.value, y.value, relative, absolute)) equal = false;
    score = Math.min(score, closeness(x.value, y.value, relative, absolute));
  }
  return daySlot(equal, score);
}

/**
 * One local day of heart-rate samples (the write unit for samples): same day → same slot;
 * `same` when both hold the same samples (count and sum of bpm), else `conflict`.
 */
export function matchHeartRateDays(a: HeartRateSamples, b: HeartRateSamples): MatchResult {
  return matchDaySamples(a, b, (sample) => sample.bpm);
}

export function matchHrvDays(a: HrvSamples, b: HrvSamples): MatchResult {
  // RMSSD and SDNN are different statistics: a day of one never equals a day of the other.
  return matchDaySamples(a, b, (sample) => sample.ms * (sample.statistic === 'rmssd' ? 1 : -1));
}

export function matchSpo2Days(a: Spo2Samples, b: Spo2Samples): MatchResult {
  return matchDaySamples(a, b, (sample) => sample.percent);
}

/** One local day of samples is one slot; equal when the samples count and sum alike. */
function matchDaySamples<S>(
  a: { date: string; samples: readonly S[] },
  b: { date: string; samples: readonly S[] },
  valueOf: (sample: S) => number,
): MatchResult {
  if (a.date !== b.date) return different('different_local_day');
  const equal =
    a.samples.length === b.samples.length && sumOf(a.samples, valueOf) === sumOf(b.samples, valueOf);
  return daySlot(equal, equal ? 1 : 0);
}

/** A conflicting day still shares the slot, so its score stays above 0; `same` ranks above. */
function daySlot(equal: boolean, closenessScore: number): MatchResult {
  return equal
    ? { verdict: 'same', score: 0.5 + 0.5 * closenessScore, reasons: ['same_local_day', 'values_equal'] }
    : { verdict: 'conflict', score: 0.25, reasons: ['same_local_day', 'values_differ'] };
}

function sumOf<S>(samples: readonly S[], valueOf: (sample: S) => number): number {
  let sum = 0;
  for (const sample of samples) sum += valueOf(sample);
  return sum;
}
