import { derivedExternalId } from './derived-external-id.js';
import { workout as workoutSchema } from './workout.js';
import type { Workout } from './workout.js';
import type { WorkoutLeg } from './workout-leg.js';

/**
 * The index of the leg a moment belongs to: the last leg starting at or before it, or the
 * first leg for a moment before every leg. Laps and track points are placed by their start with
 * this one rule everywhere (splitting, FIT sessions, TCX activities), so each lands in one leg.
 */
export function legIndexAt(legs: readonly Pick<WorkoutLeg, 'startTime'>[], timeMs: number): number {
  let lo = 0;
  let hi = legs.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const start = legs[mid] === undefined ? Infinity : Date.parse(legs[mid].startTime);
    if (start <= timeMs) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * A multisport workout as one workout per leg, for a destination that cannot hold the activity
 * whole (`ProviderCapabilities.multisportWorkouts` is not `whole`). Each leg becomes a workout
 * with its own sport (`other` for a transition), times and totals, the laps and track points
 * that fall in it, and `partOf` naming the activity and its position, so the legs stay grouped.
 * Leg ids are `<activity id>#leg<n>`. A workout without legs comes back alone, unchanged.
 *
 * @example
 *   splitMultisportWorkout(triathlon).map((w) => w.sport)
 *   // ['open_water_swimming', 'other', 'cycling', 'other', 'running']
 */
export function splitMultisportWorkout(whole: Workout): Workout[] {
  const legs = whole.legs;
  if (legs === undefined) return [whole];
  // The activity's totals are not a leg's: each leg carries only its own.
  const {
    legs: _legs,
    partOf: _partOf,
    laps,
    track,
    movingTime: _movingTime,
    distance: _distance,
    energy: _energy,
    heartRate: _heartRate,
    ...shared
  } = whole;
  const lapsByLeg = groupByLeg(legs, laps, (lap) => lap.startTime);
  const pointsByLeg = groupByLeg(legs, track ?? [], (point) => point.time);
  return legs.map((leg, i) => {
    const { kind: _kind, ...totals } = leg;
    const points = (pointsByLeg[i] ?? []).map((point, j) => {
      if (j > 0 || point.newSegment === undefined) return point;
      const { newSegment: _first, ...rest } = point;
      return rest;
    });
    return workoutSchema.parse({
      ...shared,
      provenance: {
        ...whole.provenance,
        externalId: derivedExternalId(whole.provenance.externalId, `leg${String(i + 1)}`),
      },
      sport: leg.kind === 'sport' ? leg.sport : 'other',
      ...definedOnly(totals),
      laps: lapsByLeg[i] ?? [],
      ...(points.length > 0 ? { track: points } : {}),
      partOf: {
        activityExternalId: whole.provenance.externalId,
        leg: i + 1,
        legs: legs.length,
        ...(leg.kind === 'transition' ? { transition: true } : {}),
      },
    });
  });
}

function groupByLeg<T>(legs: readonly WorkoutLeg[], items: readonly T[], timeOf: (item: T) => string): T[][] {
  const groups: T[][] = legs.map(() => []);
  for (const item of items) groups[legIndexAt(legs, Date.parse(timeOf(item)))]?.push(item);
  return groups;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
