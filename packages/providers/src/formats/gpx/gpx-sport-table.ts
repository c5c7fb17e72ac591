import type { SportType } from '@syncwell/core';

/**
 * The one table between canonical sports and GPX `trk/type`. GPX defines no sport vocabulary:
 * `type` is free text, so this is convention, not standard. We write the canonical name, which
 * is also Garmin Connect's activity type key for most sports, and read (case-insensitively)
 * the spellings seen in exports: Garmin keys, Strava names, and Strava's legacy numeric codes
 * ("1" ride, "9" run) found in older Strava GPX exports. Anything else reads as `other`.
 */
const SPORT_TABLE: readonly (readonly [SportType, readonly string[]])[] = [
  ['running', ['running', 'run', '9', 'street_running']],
  ['trail_running', ['trail_running', 'trailrun']],
  ['treadmill_running', ['treadmill_running', 'virtualrun', 'treadmill']],
  ['walking', ['walking', 'walk', 'casual_walking', 'speed_walking']],
  ['hiking', ['hiking', 'hike']],
  ['cycling', ['cycling', 'ride', 'biking', 'road_biking', 'road_cycling', '1']],
  ['mountain_biking', ['mountain_biking', 'mountainbikeride']],
  ['indoor_cycling', ['indoor_cycling', 'virtualride', 'virtual_ride']],
  ['swimming', ['swimming', 'lap_swimming', 'swim']],
  ['open_water_swimming', ['open_water_swimming']],
  ['rowing', ['rowing', 'rowing_v2', 'rowing_machine', 'indoor_rowing']],
  ['cross_country_skiing', ['cross_country_skiing', 'nordicski', 'cross_country_skiing_ws']],
  ['strength_training', ['strength_training', 'weighttraining', 'weight_training']],
  ['yoga', ['yoga']],
  ['other', ['other', 'workout']],
];

/** Canonical sport → the `<type>` text we write. */
export function gpxTypeOf(sport: SportType): string {
  return SPORT_TABLE.find(([canonical]) => canonical === sport)?.[1][0] ?? 'other';
}

/** `<type>` text (any case, surrounding space ignored) → canonical sport; unknown → `other`. */
export function sportTypeOfGpx(type: string | undefined): SportType {
  const key = type?.trim().toLowerCase() ?? '';
  return SPORT_TABLE.find(([, names]) => names.includes(key))?.[0] ?? 'other';
}
