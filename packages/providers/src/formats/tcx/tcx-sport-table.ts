import type { SportType } from '@syncwell/core';

/** The three values of TCX v2's `Sport_t` (the `Activity/@Sport` attribute). */
export type TcxSport = 'Running' | 'Biking' | 'Other';

/**
 * The one table between canonical sports and TCX. TCX has only three sports, so encoding is
 * many-to-one and decoding reads the first row for a TCX sport (its general meaning): a trail
 * run is written `Running` and reads back as `running`; hiking, swimming, rowing... read back
 * as `other`. Anything outside the enum (some tools write `Walking`, `Swimming`) is `other`.
 */
const SPORT_TABLE: readonly (readonly [SportType, TcxSport])[] = [
  ['running', 'Running'],
  ['trail_running', 'Running'],
  ['treadmill_running', 'Running'],
  ['cycling', 'Biking'],
  ['mountain_biking', 'Biking'],
  ['indoor_cycling', 'Biking'],
  ['other', 'Other'],
  ['walking', 'Other'],
  ['hiking', 'Other'],
  ['swimming', 'Other'],
  ['open_water_swimming', 'Other'],
  ['rowing', 'Other'],
  ['cross_country_skiing', 'Other'],
  ['strength_training', 'Other'],
  ['yoga', 'Other'],
];

/** Canonical sport → TCX `Sport` attribute. */
export function tcxSportOf(sport: SportType): TcxSport {
  return SPORT_TABLE.find(([canonical]) => canonical === sport)?.[1] ?? 'Other';
}

/** TCX `Sport` attribute → canonical sport (exact, case-sensitive as the schema's enum is). */
export function sportTypeOfTcx(sport: string | undefined): SportType {
  return SPORT_TABLE.find(([, tcx]) => tcx === sport)?.[0] ?? 'other';
}
