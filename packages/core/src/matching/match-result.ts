/**
 * What matching says about two records of the same data type:
 * - `same`: one real-world thing seen twice (a duplicate to skip);
 * - `conflict`: the same slot (same workout, day, night or weigh-in) with different values;
 * - `different`: unrelated records.
 */
export type MatchVerdict = 'same' | 'conflict' | 'different';

/** Why a verdict was reached; stable strings, so run items and tests can name them. */
export type MatchReason =
  | 'type_differs'
  | 'start_within_tolerance'
  | 'start_outside_tolerance'
  | 'start_shifted_by_whole_hours'
  | 'start_shifted_by_utc_offset'
  | 'time_ranges_disjoint'
  | 'back_to_back_sessions'
  | 'sport_compatible'
  | 'sport_incompatible'
  | 'duration_similar'
  | 'duration_differs'
  | 'distance_similar'
  | 'distance_differs'
  | 'distance_missing'
  | 'same_local_day'
  | 'different_local_day'
  | 'values_equal'
  | 'values_differ'
  | 'sleep_overlap'
  | 'sleep_overlap_too_small'
  | 'time_within_tolerance'
  | 'time_outside_tolerance';

export interface MatchResult {
  readonly verdict: MatchVerdict;
  /**
   * How alike the two records are, in [0, 1]; ranks candidates when several fit. Symmetric,
   * like the verdict. 0 for `different`.
   */
  readonly score: number;
  readonly reasons: readonly MatchReason[];
}

export function different(...reasons: MatchReason[]): MatchResult {
  return { verdict: 'different', score: 0, reasons };
}
