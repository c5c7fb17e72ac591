import type { SportType } from '@syncwell/core';
import { sportIndex } from '../sports/sport-column.js';

/** Polar names come in several spellings (`CROSS-COUNTRY_SKIING`, `Road biking`): upper snake case them. */
const key = (name: string): string =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
const POLAR_SPORTS = sportIndex('polar', key);

/**
 * Polar `detailed_sport_info` / `sport` (the `polar` column of the sport mapping table) → canonical;
 * unknown → `other`.
 */
export function sportFromPolar(name: string | null | undefined): SportType {
  if (name === null || name === undefined) return 'other';
  return POLAR_SPORTS.get(key(name)) ?? 'other';
}
