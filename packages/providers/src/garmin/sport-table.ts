import type { SportType } from '@syncwell/core';

/**
 * Garmin `activityType` keys (upper snake case, e.g. `TRAIL_RUNNING`, `LAP_SWIMMING`) →
 * canonical sport. Anything not listed becomes `other` rather than a guess.
 */
const GARMIN_SPORTS: Readonly<Record<string, SportType>> = {
  RUNNING: 'running',
  STREET_RUNNING: 'running',
  TRACK_RUNNING: 'running',
  TRAIL_RUNNING: 'trail_running',
  TREADMILL_RUNNING: 'treadmill_running',
  INDOOR_RUNNING: 'treadmill_running',
  WALKING: 'walking',
  CASUAL_WALKING: 'walking',
  SPEED_WALKING: 'walking',
  HIKING: 'hiking',
  CYCLING: 'cycling',
  ROAD_BIKING: 'cycling',
  GRAVEL_CYCLING: 'cycling',
  MOUNTAIN_BIKING: 'mountain_biking',
  INDOOR_CYCLING: 'indoor_cycling',
  VIRTUAL_RIDE: 'indoor_cycling',
  SWIMMING: 'swimming',
  LAP_SWIMMING: 'swimming',
  OPEN_WATER_SWIMMING: 'open_water_swimming',
  ROWING: 'rowing',
  INDOOR_ROWING: 'rowing',
  CROSS_COUNTRY_SKIING_WS: 'cross_country_skiing',
  SKATE_SKIING_WS: 'cross_country_skiing',
  STRENGTH_TRAINING: 'strength_training',
  YOGA: 'yoga',
};

export function sportFromGarmin(activityType: string | undefined): SportType {
  if (activityType === undefined) return 'other';
  const key = activityType
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return GARMIN_SPORTS[key] ?? 'other';
}

/** The reverse direction, for the simulator and for tests: one Garmin key per canonical sport. */
export function garminActivityTypeOf(sport: SportType): string {
  const found = Object.entries(GARMIN_SPORTS).find(([, canonical]) => canonical === sport);
  return found?.[0] ?? 'OTHER';
}
