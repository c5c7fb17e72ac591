import type { Workout } from '../records/workout.js';
import type { MatchResult } from './match-result.js';
import { alignStarts } from './time-shift.js';
import { TimeSorted } from './time-sorted.js';
import { MAX_TIME_ZONE_SHIFT_MS, WORKOUT_START_TOLERANCE_MS } from './tolerances.js';
import { matchWorkoutFacts, workoutFacts, type WorkoutFacts } from './workout-match.js';

interface IndexedWorkout {
  readonly record: Workout;
  readonly facts: WorkoutFacts;
}

/** Far enough either side of a start to reach every clock-error candidate. */
const REACH_MS = MAX_TIME_ZONE_SHIFT_MS + WORKOUT_START_TOLERANCE_MS;

/**
 * Destination workouts sorted by start. A lookup binary-searches to start − 14 h 3 min and walks
 * to start + 14 h 3 min; each neighbour first passes the cheap, allocation-free start alignment
 * and only then the full comparison. One person's workouts are hours apart, so the walk sees a
 * handful of records: O(log n + k).
 */
export class WorkoutIndex {
  readonly #sorted: TimeSorted<IndexedWorkout>;
  /**
   * Offsets beside the starts, in index order: the alignment prefilter rejects most neighbours
   * from these two typed arrays without touching (and cache-missing on) their objects.
   */
  readonly #offsets: Int16Array;

  constructor(workouts: readonly Workout[]) {
    this.#sorted = new TimeSorted(
      workouts.map((record) => ({ record, facts: workoutFacts(record) })),
      (w) => w.facts.startMs,
    );
    this.#offsets = Int16Array.from(this.#sorted.items, (w) => w.facts.utcOffsetMinutes);
  }

  find(source: Workout): { record: Workout; result: MatchResult } | undefined {
    return this.findFacts(workoutFacts(source));
  }

  findFacts(source: WorkoutFacts): { record: Workout; result: MatchResult } | undefined {
    const { keys, items } = this.#sorted;
    const offsets = this.#offsets;
    const last = source.startMs + REACH_MS;
    let best: { record: Workout; result: MatchResult } | undefined;
    for (let i = this.#sorted.lowerBound(source.startMs - REACH_MS); i < keys.length; i++) {
      const start = keys[i] as number;
      if (start > last) break;
      if (alignStarts(start - source.startMs, source.utcOffsetMinutes, offsets[i] as number) === undefined) {
        continue;
      }
      const candidate = items[i] as IndexedWorkout;
      const result = matchWorkoutFacts(source, candidate.facts);
      if (result.verdict !== 'different' && (best === undefined || result.score > best.result.score)) {
        best = { record: candidate.record, result };
      }
    }
    return best;
  }
}
