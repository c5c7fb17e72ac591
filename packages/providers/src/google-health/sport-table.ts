import type { SportType } from '@syncwell/core';

/**
 * Google Health `Exercise.ExerciseType` (UPPER_SNAKE_CASE) → canonical sport. Names follow
 * open-wearables' table [S]; anything absent maps to `other` rather than a guess.
 */
const GOOGLE_EXERCISE_TYPES: Readonly<Record<string, SportType>> = {
  RUNNING: 'running',
  INCLINE_RUN: 'running',
  TRAIL_RUN: 'trail_running',
  TREADMILL: 'treadmill_running',
  WALKING: 'walking',
  INCLINE_WALK: 'walking',
  NORDIC_WALKING: 'walking',
  TREADMILL_WALK: 'walking',
  HIKING: 'hiking',
  BACKPACKING: 'hiking',
  BIKING: 'cycling',
  OUTDOOR_BIKE: 'cycling',
  MOUNTAIN_BIKE: 'mountain_biking',
  STATIONARY_BIKE: 'indoor_cycling',
  SPINNING: 'indoor_cycling',
  SWIMMING: 'swimming',
  SWIMMING_POOL: 'swimming',
  SWIMMING_OPEN_WATER: 'open_water_swimming',
  ROWING: 'rowing',
  ROWING_MACHINE: 'rowing',
  CROSS_COUNTRY_SKI: 'cross_country_skiing',
  STRENGTH_TRAINING: 'strength_training',
  WEIGHTLIFTING: 'strength_training',
  WEIGHTS: 'strength_training',
  YOGA: 'yoga',
};

export function sportFromGoogle(exerciseType: string | null | undefined): SportType {
  if (exerciseType === null || exerciseType === undefined) return 'other';
  return GOOGLE_EXERCISE_TYPES[exerciseType.trim().toUpperCase()] ?? 'other';
}

/** The Google exercise type for a canonical sport (first entry wins); `OTHER` when none. */
export function sportToGoogle(sport: SportType): string {
  for (const [google, canonical] of Object.entries(GOOGLE_EXERCISE_TYPES)) {
    if (canonical === sport) return google;
  }
  return 'OTHER';
}
