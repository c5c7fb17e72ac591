import type { SportType } from '@syncwell/core';

/**
 * Withings workout `category` codes → canonical sport. withings.md does not list the codes; these
 * follow Withings' API reference workout category table [U]. Anything else (tennis, golf,
 * surfing, multi-sport, 36 "other") becomes `other` rather than a guess.
 */
const WITHINGS_SPORTS: ReadonlyMap<number, SportType> = new Map<number, SportType>([
  [1, 'walking'],
  [2, 'running'],
  [3, 'hiking'],
  [6, 'cycling'],
  [7, 'swimming'],
  [16, 'strength_training'],
  [28, 'yoga'],
  [34, 'cross_country_skiing'],
  [187, 'rowing'],
  [306, 'walking'], // indoor walk
  [307, 'treadmill_running'], // indoor running
  [308, 'indoor_cycling'],
]);

export function sportFromWithings(category: number): SportType {
  return WITHINGS_SPORTS.get(category) ?? 'other';
}

/** The first category for a sport, for simulators; `other` is 36. */
export function withingsCategoryFor(sport: SportType): number {
  for (const [code, mapped] of WITHINGS_SPORTS) if (mapped === sport) return code;
  if (sport === 'trail_running') return 2;
  if (sport === 'mountain_biking') return 6;
  if (sport === 'open_water_swimming') return 7;
  return 36;
}
