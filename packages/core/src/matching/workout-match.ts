import type { SportType } from '../records/sport.js';
import type { Workout } from '../records/workout.js';
import { instantMs } from './iso-instant.js';
import { different, type MatchReason, type MatchResult } from './match-result.js';
import { sportsCompatible } from './sport-compatibility.js';
import { alignStarts } from './time-shift.js';
import { overlapOfShorter } from './time-overlap.js';
import {
  BACK_TO_BACK_BREAK_MS,
  closeness,
  DISTANCE_RELATIVE_TOLERANCE,
  DURATION_ABSOLUTE_TOLERANCE_MS,
  DURATION_RELATIVE_TOLERANCE,
  WORKOUT_START_TOLERANCE_MS,
  within,
} from './tolerances.js';

/** The parts of a workout matching looks at, parsed once (the index keeps these per record). */
export interface WorkoutFacts {
  readonly startMs: number;
  readonly endMs: number;
  readonly utcOffsetMinutes: number;
  readonly sport: SportType;
  /** Metres; NaN when the provider gave none (indoor, strength). */
  readonly distanceM: number;
}

export function workoutFacts(w: Workout): WorkoutFacts {
  return {
    startMs: instantMs(w.startTime),
    endMs: instantMs(w.endTime),
    utcOffsetMinutes: w.utcOffsetMinutes,
    sport: w.sport,
    distanceM: w.distance?.value ?? Number.NaN,
  };
}

/**
 * Is `b` the workout `a` describes? Rules, in order:
 * 1. starts within ±3 min, or within ±3 min of a clock error (whole hours up to ±14 h, or the
 *    records' offsets; see alignStarts);
 * 2. compatible sports (sport-compatibility.ts);
 * 3. once the clock error is undone, the ranges overlap; with a
 *    clock error the ranges as recorded must also not sit back to back (< 15 min apart), since
 *    two real sessions in a row look exactly like one shifted by its own length;
 * 4. duration within 10 % or 5 min, distance within 10 % when both have one: `same`; otherwise
 *    `conflict` for an unshifted slot, `different` for a shifted one (a clock error is only
 *    believed when everything else agrees).
 *
 * @example matchWorkouts(garminRun, stravaRun).verdict === 'same'
 */
export function matchWorkouts(a: Workout, b: Workout): MatchResult {
  return matchWorkoutFacts(workoutFacts(a), workoutFacts(b));
}

export function matchWorkoutFacts(a: WorkoutFacts, b: WorkoutFacts): MatchResult {
  const alignment = alignStarts(b.startMs - a.startMs, a.utcOffsetMinutes, b.utcOffsetMinutes);
  if (alignment === undefined) return different('start_outside_tolerance');
  const shifted = alignment.kind !== 'none';
  const startReason: MatchReason =
    alignment.kind === 'none'
      ? 'start_within_tolerance'
      : alignment.kind === 'whole_hours'
        ? 'start_shifted_by_whole_hours'
        : 'start_shifted_by_utc_offset';
  if (!sportsCompatible(a.sport, b.sport)) return different(startReason, 'sport_incompatible');

  const shift = alignment.shiftMs;
  const overlap = overlapOfShorter(a.startMs, a.endMs, b.startMs - shift, b.endMs - shift);
  // Starts already agree within 3 min, so any overlap will do; none means two sessions, one
  // shorter than the start jitter (a 2-min recording, then another), which are never merged.
  if (overlap <= 0) return different(startReason, 'time_ranges_disjoint');
  if (shifted) {
    const gap = Math.max(a.startMs, b.startMs) - Math.min(a.endMs, b.endMs);
    if (gap >= 0 && gap < BACK_TO_BACK_BREAK_MS) return different(startReason, 'back_to_back_sessions');
  }

  const durationA = a.endMs - a.startMs;
  const durationB = b.endMs - b.startMs;
  const durationOk = within(
    durationA,
    durationB,
    DURATION_RELATIVE_TOLERANCE,
    DURATION_ABSOLUTE_TOLERANCE_MS,
  );
  const hasDistances = !Number.isNaN(a.distanceM) && !Number.isNaN(b.distanceM);
  const distanceOk = !hasDistances || within(a.distanceM, b.distanceM, DISTANCE_RELATIVE_TOLERANCE);
  const reasons: MatchReason[] = [
    startReason,
    'sport_compatible',
    durationOk ? 'duration_similar' : 'duration_differs',
    hasDistances ? (distanceOk ? 'distance_similar' : 'distance_differs') : 'distance_missing',
  ];
  if (shifted && !(durationOk && distanceOk)) return { verdict: 'different', score: 0, reasons };

  const score =
    (0.3 * (1 - alignment.residualMs / WORKOUT_START_TOLERANCE_MS) +
      0.2 * overlap +
      0.2 * closeness(durationA, durationB, DURATION_RELATIVE_TOLERANCE, DURATION_ABSOLUTE_TOLERANCE_MS) +
      0.2 * (hasDistances ? closeness(a.distanceM, b.distanceM, DISTANCE_RELATIVE_TOLERANCE) : 0.5) +
      0.1 * (a.sport === b.sport ? 1 : 0.5)) *
    // A clock error is a weaker explanation than none: an unshifted candidate ranks first.
    (shifted ? 0.5 : 1);
  return { verdict: durationOk && distanceOk ? 'same' : 'conflict', score, reasons };
}
