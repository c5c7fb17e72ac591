import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../sports/sport-column.js';

/** Garmin `activityType` keys are upper snake case (`TRAIL_RUNNING`); read in any case or separator. */
const key = (name: string): string =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
const GARMIN_SPORTS = sportIndex('garmin', key);

/** Garmin `activityType` (the `garmin` column of the sport mapping table) → canonical; unknown → `other`. */
export function sportFromGarmin(activityType: string | undefined): SportType {
  if (activityType === undefined) return 'other';
  return GARMIN_SPORTS.get(key(activityType)) ?? 'other';
}

/** The reverse direction, for the simulator and for tests: the column's first key; `OTHER` for `other`. */
export function garminActivityTypeOf(sport: SportType): string {
  return writtenName('garmin', sport);
}
