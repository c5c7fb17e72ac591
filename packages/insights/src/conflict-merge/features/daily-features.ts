import type { DailyActivity } from '@syncwell/core';
import type { ConflictSide } from '../conflict-pair.js';
import { logRatio } from './plausibility.js';
import { META_FEATURES, metaFeatures } from './side-context.js';

const DAY_MS = 86_400_000;

export interface DailyView {
  readonly record: DailyActivity;
  readonly features: readonly number[];
}

export const DAILY_SIDE_FEATURES = [
  ...META_FEATURES,
  'heartRateCoverage',
  'steps',
  'strideM',
  'activeKcal',
  'basalKcal',
  'kcalPerStep',
  'stepsPerActiveMin',
  'activeMin',
  'hasRestingHr',
  'restingHr',
] as const;

export const DAILY_PAIR_FEATURES = [
  'stepsLogRatio',
  'distanceLogRatio',
  'activeLogRatio',
  'totalLogRatio',
  'basalLogRatio',
  'activeTimeLogRatio',
  'strideLogRatio',
  'restingHrDiff',
  'offsetDiffH',
] as const;

function basal(d: DailyActivity): number | undefined {
  return d.totalEnergy === undefined || d.activeEnergy === undefined
    ? undefined
    : d.totalEnergy.value - d.activeEnergy.value;
}

export function viewDaily(side: ConflictSide<DailyActivity>): DailyView {
  const d = side.record;
  const dayEndMs = Date.parse(`${d.date}T00:00:00Z`) + DAY_MS - d.utcOffsetMinutes * 60_000;
  const steps = d.steps?.value;
  const active = d.activeEnergy?.value;
  const activeMin = d.activeTime === undefined ? undefined : d.activeTime.value / 60;
  return {
    record: d,
    features: [
      ...metaFeatures(side.meta, dayEndMs, d.utcOffsetMinutes),
      side.meta.heartRateCoverage ?? Number.NaN,
      steps ?? Number.NaN,
      steps === undefined || d.distance === undefined || steps === 0 ? Number.NaN : d.distance.value / steps,
      active ?? Number.NaN,
      basal(d) ?? Number.NaN,
      steps === undefined || active === undefined || steps === 0 ? Number.NaN : active / steps,
      steps === undefined || activeMin === undefined || activeMin === 0 ? Number.NaN : steps / activeMin,
      activeMin ?? Number.NaN,
      d.restingHeartRate === undefined ? 0 : 1,
      d.restingHeartRate?.value ?? Number.NaN,
    ],
  };
}

export function dailyPairFeatures(a: DailyView, b: DailyView): number[] {
  const ra = a.record;
  const rb = b.record;
  const stride = (d: DailyActivity) =>
    d.steps === undefined || d.distance === undefined || d.steps.value === 0
      ? undefined
      : d.distance.value / d.steps.value;
  return [
    logRatio(ra.steps?.value, rb.steps?.value),
    logRatio(ra.distance?.value, rb.distance?.value),
    logRatio(ra.activeEnergy?.value, rb.activeEnergy?.value),
    logRatio(ra.totalEnergy?.value, rb.totalEnergy?.value),
    logRatio(basal(ra), basal(rb)),
    logRatio(ra.activeTime?.value, rb.activeTime?.value),
    logRatio(stride(ra), stride(rb)),
    ra.restingHeartRate === undefined || rb.restingHeartRate === undefined
      ? Number.NaN
      : ra.restingHeartRate.value - rb.restingHeartRate.value,
    (ra.utcOffsetMinutes - rb.utcOffsetMinutes) / 60,
  ];
}
