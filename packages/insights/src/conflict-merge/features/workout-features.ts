import { instantMs, sportsCompatible, type Workout } from '@syncwell/core';
import type { ConflictSide } from '../conflict-pair.js';
import { trackStats, type TrackStats } from '../track/track-stats.js';
import {
  heartRateKcalPerMinute,
  logRatio,
  onRoundStep,
  speedPlausibility,
  sportSpecificity,
} from './plausibility.js';
import { localAsUtcResidualMin, localHour, META_FEATURES, metaFeatures } from './side-context.js';

const MINUTE_MS = 60_000;

/** A workout side read once: its instants, its track's statistics, its metadata features. */
export interface WorkoutView {
  readonly record: Workout;
  readonly startMs: number;
  readonly endMs: number;
  readonly track: TrackStats | undefined;
  readonly features: readonly number[];
}

export const WORKOUT_SIDE_FEATURES = [
  ...META_FEATURES,
  'localStartHour',
  'elapsedMin',
  'movingShare',
  'speedPlausibility',
  'kcalPerMin',
  'kcalVsHeartRate',
  'hasHeartRate',
  'avgHr',
  'maxMinusAvgHr',
  'heartRateCoverage',
  'hasTrack',
  'pointsPerMin',
  'trackCoverage',
  'dropoutShare',
  'stationaryShare',
  'pauseMismatch',
  'jumps',
  'trackLengthRatio',
  'cleanTrackLengthRatio',
  'trackHeadGapMin',
  'trackTailGapMin',
  'headSpeedRatio',
  'tailSpeedRatio',
  'tailSpeed',
  'solarOffsetH',
  'startRounded',
  'endRounded',
  'distanceRounded',
  'sportSpecificity',
  'hasMovingTime',
  'hasDistance',
  'hasEnergy',
] as const;

export const WORKOUT_PAIR_FEATURES = [
  'startDiffMin',
  'endDiffMin',
  'elapsedLogRatio',
  'movingLogRatio',
  'distanceLogRatio',
  'energyLogRatio',
  'avgHrDiff',
  'offsetDiffH',
  'localAsUtcResidualMin',
  'sameSport',
  'sportsCompatible',
] as const;

export function viewWorkout(side: ConflictSide<Workout>, otherTrackLon: number | undefined): WorkoutView {
  const w = side.record;
  const startMs = instantMs(w.startTime);
  const endMs = instantMs(w.endTime);
  const track = trackStats(w.track);
  const elapsedS = Math.max(1, (endMs - startMs) / 1000);
  const elapsedMin = elapsedS / 60;
  const movingS = w.movingTime?.value;
  const distance = w.distance?.value;
  const energy = w.energy?.value;
  const avgHr = w.heartRate?.average.value;
  const spanS = track === undefined ? Number.NaN : Math.max(1, (track.endMs - track.startMs) / 1000);
  const movingShare = movingS === undefined ? Number.NaN : movingS / elapsedS;
  const stationaryShare = track === undefined ? Number.NaN : track.stationaryMs / 1000 / spanS;
  const lon = track?.firstLon ?? otherTrackLon;
  const features = [
    ...metaFeatures(side.meta, endMs, w.utcOffsetMinutes),
    localHour(startMs, w.utcOffsetMinutes),
    elapsedMin,
    movingShare,
    distance === undefined ? Number.NaN : speedPlausibility(w.sport, distance / (movingS ?? elapsedS)),
    energy === undefined ? Number.NaN : energy / elapsedMin,
    energy === undefined || avgHr === undefined
      ? Number.NaN
      : Math.log(energy / elapsedMin / heartRateKcalPerMinute(avgHr)),
    avgHr === undefined ? 0 : 1,
    avgHr ?? Number.NaN,
    w.heartRate === undefined ? Number.NaN : w.heartRate.maximum.value - w.heartRate.average.value,
    track !== undefined ? track.heartRateShare : (side.meta.heartRateCoverage ?? Number.NaN),
    track === undefined ? 0 : 1,
    track === undefined ? Number.NaN : track.points / elapsedMin,
    track === undefined ? Number.NaN : track.coveredMs / 1000 / elapsedS,
    track === undefined ? Number.NaN : track.dropoutMs / 1000 / elapsedS,
    stationaryShare,
    Number.isNaN(movingShare) || Number.isNaN(stationaryShare)
      ? Number.NaN
      : 1 - movingShare - stationaryShare,
    track?.jumps ?? Number.NaN,
    track === undefined ? Number.NaN : logRatio(track.lengthM, distance),
    track === undefined ? Number.NaN : logRatio(track.cleanLengthM, distance),
    track === undefined ? Number.NaN : (track.startMs - startMs) / MINUTE_MS,
    track === undefined ? Number.NaN : (endMs - track.endMs) / MINUTE_MS,
    track === undefined ? Number.NaN : logRatio(track.headSpeed + 0.05, track.meanSpeed + 0.05),
    track === undefined ? Number.NaN : logRatio(track.tailSpeed + 0.05, track.meanSpeed + 0.05),
    track?.tailSpeed ?? Number.NaN,
    lon === undefined ? Number.NaN : w.utcOffsetMinutes / 60 - lon / 15,
    onRoundStep(startMs, 5),
    onRoundStep(endMs, 5),
    distance === undefined ? Number.NaN : distance % 500 === 0 ? 1 : 0,
    sportSpecificity(w.sport),
    movingS === undefined ? 0 : 1,
    distance === undefined ? 0 : 1,
    energy === undefined ? 0 : 1,
  ];
  return { record: w, startMs, endMs, track, features };
}

export function workoutPairFeatures(a: WorkoutView, b: WorkoutView): number[] {
  const ra = a.record;
  const rb = b.record;
  return [
    (a.startMs - b.startMs) / MINUTE_MS,
    (a.endMs - b.endMs) / MINUTE_MS,
    logRatio(a.endMs - a.startMs, b.endMs - b.startMs),
    logRatio(ra.movingTime?.value, rb.movingTime?.value),
    logRatio(ra.distance?.value, rb.distance?.value),
    logRatio(ra.energy?.value, rb.energy?.value),
    ra.heartRate === undefined || rb.heartRate === undefined
      ? Number.NaN
      : ra.heartRate.average.value - rb.heartRate.average.value,
    (ra.utcOffsetMinutes - rb.utcOffsetMinutes) / 60,
    localAsUtcResidualMin(a.startMs, b.startMs, ra.utcOffsetMinutes, rb.utcOffsetMinutes),
    ra.sport === rb.sport ? 1 : 0,
    sportsCompatible(ra.sport, rb.sport) ? 1 : 0,
  ];
}
