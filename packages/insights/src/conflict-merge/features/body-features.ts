import { instantMs, type BodyMeasurement } from '@syncwell/core';
import type { ConflictSide } from '../conflict-pair.js';
import { logRatio, onRoundStep } from './plausibility.js';
import { localAsUtcResidualMin, localHour, META_FEATURES, metaFeatures } from './side-context.js';

const LB_KG = 0.45359237;

export interface BodyView {
  readonly record: BodyMeasurement;
  readonly timeMs: number;
  readonly features: readonly number[];
}

export const BODY_SIDE_FEATURES = [
  ...META_FEATURES,
  'localHour',
  'weightKg',
  'hasBodyFat',
  'bodyFat',
  'weightHalfKg',
  'weightWholeLb',
  'onTheHour',
  'wholeMinute',
] as const;

export const BODY_PAIR_FEATURES = [
  'weightLogRatio',
  'timeDiffMin',
  'offsetDiffH',
  'localAsUtcResidualMin',
  'bodyFatDiff',
] as const;

function nearInteger(x: number, tolerance: number): number {
  return Math.abs(x - Math.round(x)) < tolerance ? 1 : 0;
}

export function viewBody(side: ConflictSide<BodyMeasurement>): BodyView {
  const m = side.record;
  const timeMs = instantMs(m.time);
  const kg = m.weight?.value;
  return {
    record: m,
    timeMs,
    features: [
      ...metaFeatures(side.meta, timeMs, m.utcOffsetMinutes),
      localHour(timeMs, m.utcOffsetMinutes),
      kg ?? Number.NaN,
      m.bodyFat === undefined ? 0 : 1,
      m.bodyFat?.value ?? Number.NaN,
      kg === undefined ? Number.NaN : nearInteger(kg * 2, 0.011),
      kg === undefined ? Number.NaN : nearInteger(kg / LB_KG, 0.011),
      onRoundStep(timeMs, 60),
      onRoundStep(timeMs, 1),
    ],
  };
}

export function bodyPairFeatures(a: BodyView, b: BodyView): number[] {
  const ra = a.record;
  const rb = b.record;
  return [
    logRatio(ra.weight?.value, rb.weight?.value),
    (a.timeMs - b.timeMs) / 60_000,
    (ra.utcOffsetMinutes - rb.utcOffsetMinutes) / 60,
    localAsUtcResidualMin(a.timeMs, b.timeMs, ra.utcOffsetMinutes, rb.utcOffsetMinutes),
    ra.bodyFat === undefined || rb.bodyFat === undefined ? Number.NaN : ra.bodyFat.value - rb.bodyFat.value,
  ];
}
