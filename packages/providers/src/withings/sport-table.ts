import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../sports/sport-column.js';

/** Withings workout `category` codes (the `withings` column of the sport mapping table). */
const WITHINGS_SPORTS = sportIndex('withings', String);

/** Category code → canonical; anything unlisted (tennis, golf, 36 "other", ...) → `other`. */
export function sportFromWithings(category: number): SportType {
  return WITHINGS_SPORTS.get(String(category)) ?? 'other';
}

/**
 * The first category for a sport, for simulators. Trail runs, mountain biking and open-water swims
 * have no code of their own and write as running (2), cycling (6) and swimming (7); `other` is 36.
 */
export function withingsCategoryFor(sport: SportType): number {
  return writtenName('withings', sport);
}
