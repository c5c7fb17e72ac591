import type { SportType } from '@syncwell/core';

/**
 * Strava `sport_type` → canonical sport. One table, both directions are derived from it;
 * anything absent maps to `other` rather than a guess.
 */
const STRAVA_SPORTS: Readonly<Record<string, SportType>> = {
  Run: 'running',
  VirtualRun: 'treadmill_running',
  TrailRun: 'trail_running',
  Walk: 'walking',
  Hike: 'hiking',
  Ride: 'cycling',
  GravelRide: 'cycling',
  EBikeRide: 'cycling',
  Velomobile: 'cycling',
  MountainBikeRide: 'mountain_biking',
  EMountainBikeRide: 'mountain_biking',
  VirtualRide: 'indoor_cycling',
  Swim: 'swimming',
  Rowing: 'rowing',
  VirtualRow: 'rowing',
  NordicSki: 'cross_country_skiing',
  WeightTraining: 'strength_training',
  Yoga: 'yoga',
};

/** `trainer` turns an outdoor sport into its indoor variant (Strava has no treadmill sport type). */
const INDOOR_VARIANT: Partial<Record<SportType, SportType>> = {
  running: 'treadmill_running',
  cycling: 'indoor_cycling',
};

export function sportFromStrava(sportType: string | null | undefined, trainer: boolean): SportType {
  const sport =
    (sportType === null || sportType === undefined ? undefined : STRAVA_SPORTS[sportType]) ?? 'other';
  return trainer ? (INDOOR_VARIANT[sport] ?? sport) : sport;
}

/** The Strava sport type for a canonical sport (first table entry wins); `Workout` for `other`. */
export function sportToStrava(sport: SportType): string {
  for (const [strava, canonical] of Object.entries(STRAVA_SPORTS)) {
    if (canonical === sport) return strava;
  }
  return 'Workout';
}
