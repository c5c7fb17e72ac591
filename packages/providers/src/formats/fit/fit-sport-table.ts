import type { Types } from '@garmin/fitsdk';
import type { SportType } from '@syncwell/core';

/** FIT `sport` / `sub_sport` enum names as the Garmin SDK spells them (camelCase). */
export interface FitSport {
  readonly sport: Exclude<Types.Sport, number>;
  readonly subSport: Exclude<Types.SubSport, number>;
}

/**
 * The one table between canonical sports and FIT. Encoding reads it left to right; decoding
 * right to left, first by the exact sport/sub-sport pair, then by the sport alone (the first
 * row for that sport is its general meaning), so a FIT `running/street` still reads as running.
 */
const SPORT_TABLE: readonly (readonly [SportType, FitSport])[] = [
  ['running', { sport: 'running', subSport: 'generic' }],
  ['trail_running', { sport: 'running', subSport: 'trail' }],
  ['treadmill_running', { sport: 'running', subSport: 'treadmill' }],
  ['walking', { sport: 'walking', subSport: 'generic' }],
  ['hiking', { sport: 'hiking', subSport: 'generic' }],
  ['cycling', { sport: 'cycling', subSport: 'generic' }],
  ['mountain_biking', { sport: 'cycling', subSport: 'mountain' }],
  ['indoor_cycling', { sport: 'cycling', subSport: 'indoorCycling' }],
  ['swimming', { sport: 'swimming', subSport: 'lapSwimming' }],
  ['open_water_swimming', { sport: 'swimming', subSport: 'openWater' }],
  ['rowing', { sport: 'rowing', subSport: 'generic' }],
  ['cross_country_skiing', { sport: 'crossCountrySkiing', subSport: 'generic' }],
  ['strength_training', { sport: 'training', subSport: 'strengthTraining' }],
  ['yoga', { sport: 'training', subSport: 'yoga' }],
  ['other', { sport: 'generic', subSport: 'generic' }],
];

/** Canonical sport → FIT sport/sub-sport. */
export function fitSportOf(sport: SportType): FitSport {
  const row = SPORT_TABLE.find(([canonical]) => canonical === sport);
  // The table covers every SportType (checked in the test), so this fallback is only a guard.
  return row?.[1] ?? { sport: 'generic', subSport: 'generic' };
}

/**
 * FIT sport/sub-sport → canonical sport. Unknown sports become `other`, never a guess; a
 * known sport with an unknown sub-sport becomes the sport's general row (swimming → `swimming`).
 */
export function sportTypeOfFit(
  sport: Types.Sport | undefined,
  subSport: Types.SubSport | undefined,
): SportType {
  if (sport === undefined) return 'other';
  const exact = SPORT_TABLE.find(
    ([, fit]) => fit.sport === sport && fit.subSport === (subSport ?? 'generic'),
  );
  if (exact !== undefined) return exact[0];
  const bySport = SPORT_TABLE.find(([, fit]) => fit.sport === sport);
  return bySport?.[0] ?? 'other';
}
