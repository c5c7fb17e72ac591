import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../sports/sport-column.js';

/** Strava `sport_type` names are PascalCase (`TrailRun`); we read them in any case. */
const key = (name: string): string => name.trim().toLowerCase();
const STRAVA_SPORTS = sportIndex('strava', key);

/** `trainer` turns an outdoor sport into its indoor variant (Strava has no treadmill sport type). */
const INDOOR_VARIANT: Partial<Record<SportType, SportType>> = {
  running: 'treadmill_running',
  cycling: 'indoor_cycling',
};

/** Strava `sport_type` (the `strava` column of the sport mapping table) → canonical; unknown → `other`. */
export function sportFromStrava(sportType: string | null | undefined, trainer: boolean): SportType {
  const sport =
    (sportType === null || sportType === undefined ? undefined : STRAVA_SPORTS.get(key(sportType))) ??
    'other';
  return trainer ? (INDOOR_VARIANT[sport] ?? sport) : sport;
}

/**
 * The Strava sport type for a canonical sport: the column's first name; open-water swims write as
 * `Swim` (Strava has no open-water type); `Workout` for `other`.
 */
export function sportToStrava(sport: SportType): string {
  return writtenName('strava', sport);
}
