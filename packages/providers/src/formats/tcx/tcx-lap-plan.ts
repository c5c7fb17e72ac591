import type { Lap, TrackPoint, Workout } from '@syncwell/core';
import { workoutElapsedSeconds } from '@syncwell/core';

/** One `<Lap>` as it will be written: every field TCX requires, decided before any XML. */
export interface TcxLapPlan {
  readonly startTime: string;
  readonly totalTimeSeconds: number;
  readonly distanceMetres: number;
  readonly calories: number;
  readonly averageHeartRate: number | undefined;
  readonly maximumHeartRate: number | undefined;
  readonly points: readonly TrackPoint[];
}

/**
 * TCX has no activity-level totals: every reader (Garmin Connect, Strava, our decoder) sums the
 * laps. So lap values are planned such that their sums are the workout's totals:
 * - a lap-less workout becomes one lap carrying the totals, with `TotalTimeSeconds` = moving time;
 * - laps missing a distance or energy share what the workout total leaves, by duration;
 * - lap maxima come from the lap's own track heart rate, and the workout maximum is put on
 *   the lap with the highest one so the activity maximum survives.
 */
export function planTcxLaps(workout: Workout): TcxLapPlan[] {
  const lapless = workout.laps.length === 0;
  const laps: readonly Lap[] = lapless
    ? [{ startTime: workout.startTime, endTime: workout.endTime }]
    : workout.laps;
  const durations = laps.map((lap) => workoutElapsedSeconds(lap));
  const distances = shareOut(
    laps.map((l) => l.distance?.value),
    workout.distance?.value,
    durations,
  );
  const calories = roundKeepingSum(
    shareOut(
      laps.map((l) => l.energy?.value),
      workout.energy?.value,
      durations,
    ),
  );
  const pointsByLap = assignPoints(workout.track ?? [], laps);
  const hr = workout.heartRate;

  const maxima = pointsByLap.map((points) =>
    roundHr(maxOf(points.map((p) => p.heartRateBpm)) ?? hr?.maximum.value),
  );
  const highest = maxima.reduce<number>((best, m, i) => ((m ?? -1) > (maxima[best] ?? -1) ? i : best), 0);
  const workoutMax = roundHr(hr?.maximum.value);
  if (workoutMax !== undefined && workoutMax > (maxima[highest] ?? -1)) maxima[highest] = workoutMax;

  return laps.map((lap, i) => ({
    startTime: lap.startTime,
    totalTimeSeconds: lapless ? (workout.movingTime?.value ?? durations[i] ?? 0) : (durations[i] ?? 0),
    distanceMetres: distances[i] ?? 0,
    calories: calories[i] ?? 0,
    averageHeartRate: roundHr(lap.averageHeartRate?.value ?? hr?.average.value),
    maximumHeartRate: maxima[i],
    points: pointsByLap[i] ?? [],
  }));
}

/** Known values stay; unknown ones split what the total leaves, in proportion to duration. */
function shareOut(
  known: readonly (number | undefined)[],
  total: number | undefined,
  weights: readonly number[],
): number[] {
  const left = Math.max(0, (total ?? 0) - known.reduce<number>((sum, v) => sum + (v ?? 0), 0));
  const unknownWeight = known.reduce<number>(
    (sum, v, i) => sum + (v === undefined ? (weights[i] ?? 0) : 0),
    0,
  );
  const unknownCount = known.filter((v) => v === undefined).length;
  return known.map((v, i) => {
    if (v !== undefined) return v;
    return unknownWeight > 0 ? (left * (weights[i] ?? 0)) / unknownWeight : left / unknownCount;
  });
}

/**
 * TCX `Calories` is an unsignedShort; round each lap but keep the rounded sum equal. A lap past
 * 65,535 is written at the limit; the encoder's read-back reports the difference.
 */
function roundKeepingSum(values: readonly number[]): number[] {
  let carried = 0;
  let target = 0;
  return values.map((v) => {
    target += v;
    const rounded = Math.min(65_535, Math.max(0, Math.round(target) - carried));
    carried += rounded;
    return rounded;
  });
}

/** Points go to the last lap starting at or before them; points before the first lap to it. */
function assignPoints(track: readonly TrackPoint[], laps: readonly Lap[]): TrackPoint[][] {
  const starts = laps.map((lap) => Date.parse(lap.startTime));
  const byLap: TrackPoint[][] = laps.map(() => []);
  for (const point of track) {
    const t = Date.parse(point.time);
    // Binary search for the last lap start ≤ t (laps are in time order).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((starts[mid] ?? Infinity) <= t) lo = mid;
      else hi = mid - 1;
    }
    byLap[lo]?.push(point);
  }
  return byLap;
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  // A reduce, not Math.max(...values): a long track would exceed the argument limit.
  return values.reduce<number | undefined>(
    (max, v) => (v !== undefined && (max === undefined || v > max) ? v : max),
    undefined,
  );
}

/** TCX heart rates are unsignedByte ≥ 1. */
function roundHr(bpm: number | undefined): number | undefined {
  return bpm === undefined ? undefined : Math.min(255, Math.max(1, Math.round(bpm)));
}
