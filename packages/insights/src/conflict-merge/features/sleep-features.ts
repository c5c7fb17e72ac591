import { instantMs, type SleepSession, type SleepStage } from '@syncwell/core';
import type { ConflictSide } from '../conflict-pair.js';
import { logRatio, onRoundStep } from './plausibility.js';
import { localAsUtcResidualMin, localHour, META_FEATURES, metaFeatures } from './side-context.js';

const MINUTE_MS = 60_000;

export interface SleepView {
  readonly record: SleepSession;
  readonly startMs: number;
  readonly endMs: number;
  readonly features: readonly number[];
}

export const SLEEP_SIDE_FEATURES = [
  ...META_FEATURES,
  'hoursSinceNoonAtStart',
  'hoursSinceMidnightAtEnd',
  'durationH',
  'stageCount',
  'stageKinds',
  'stageCoverage',
  'unspecifiedShare',
  'deepShare',
  'remShare',
  'awakeShare',
  'leadingAwakeMin',
  'trailingAwakeMin',
  'startRounded',
  'endRounded',
] as const;

export const SLEEP_PAIR_FEATURES = [
  'startDiffMin',
  'endDiffMin',
  'durationLogRatio',
  'offsetDiffH',
  'localAsUtcResidualMin',
] as const;

export function viewSleep(side: ConflictSide<SleepSession>): SleepView {
  const s = side.record;
  const startMs = instantMs(s.startTime);
  const endMs = instantMs(s.endTime);
  const durationMin = Math.max(1, (endMs - startMs) / MINUTE_MS);
  const minutes = { awake: 0, light: 0, deep: 0, rem: 0, asleep_unspecified: 0 };
  let leadingAwake = 0;
  let trailingAwake = 0;
  for (let i = 0; i < s.stages.length; i++) {
    const stage = s.stages[i] as SleepStage;
    const m = (instantMs(stage.endTime) - instantMs(stage.startTime)) / MINUTE_MS;
    minutes[stage.stage] += m;
    if (stage.stage === 'awake' && i === 0) leadingAwake = m;
    if (stage.stage === 'awake' && i === s.stages.length - 1) trailingAwake = m;
  }
  const staged = minutes.awake + minutes.light + minutes.deep + minutes.rem + minutes.asleep_unspecified;
  const share = (m: number) => (staged > 0 ? m / staged : Number.NaN);
  const kinds = Object.values(minutes).filter((m) => m > 0).length;
  return {
    record: s,
    startMs,
    endMs,
    features: [
      ...metaFeatures(side.meta, endMs, s.utcOffsetMinutes),
      (localHour(startMs, s.utcOffsetMinutes) + 12) % 24,
      localHour(endMs, s.utcOffsetMinutes),
      durationMin / 60,
      s.stages.length,
      kinds,
      staged / durationMin,
      share(minutes.asleep_unspecified),
      share(minutes.deep),
      share(minutes.rem),
      share(minutes.awake),
      leadingAwake,
      trailingAwake,
      onRoundStep(startMs, 15),
      onRoundStep(endMs, 15),
    ],
  };
}

export function sleepPairFeatures(a: SleepView, b: SleepView): number[] {
  return [
    (a.startMs - b.startMs) / MINUTE_MS,
    (a.endMs - b.endMs) / MINUTE_MS,
    logRatio(a.endMs - a.startMs, b.endMs - b.startMs),
    (a.record.utcOffsetMinutes - b.record.utcOffsetMinutes) / 60,
    localAsUtcResidualMin(a.startMs, b.startMs, a.record.utcOffsetMinutes, b.record.utcOffsetMinutes),
  ];
}
