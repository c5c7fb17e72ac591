import type { SportType } from '@syncwell/core';

/**
 * Polar `detailed_sport_info` / `sport` names → canonical sport, after normalising case and
 * separators (`CROSS-COUNTRY_SKIING`, `Road biking`). Absent names map to `other`.
 */
const POLAR_SPORTS: Readonly<Record<string, SportType>> = {
  RUNNING: 'running',
  ROAD_RUNNING: 'running',
  TRAIL_RUNNING: 'trail_running',
  TREADMILL_RUNNING: 'treadmill_running',
  WALKING: 'walking',
  NORDIC_WALKING: 'walking',
  HIKING: 'hiking',
  CYCLING: 'cycling',
  ROAD_BIKING: 'cycling',
  MOUNTAIN_BIKING: 'mountain_biking',
  INDOOR_CYCLING: 'indoor_cycling',
  SWIMMING: 'swimming',
  POOL_SWIMMING: 'swimming',
  OPEN_WATER_SWIMMING: 'open_water_swimming',
  ROWING: 'rowing',
  INDOOR_ROWING: 'rowing',
  CROSS_COUNTRY_SKIING: 'cross_country_skiing',
  STRENGTH_TRAINING: 'strength_training',
  YOGA: 'yoga',
};

export function sportFromPolar(name: string | null | undefined): SportType {
  if (name === null || name === undefined) return 'other';
  const key = name
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return POLAR_SPORTS[key] ?? 'other';
}
