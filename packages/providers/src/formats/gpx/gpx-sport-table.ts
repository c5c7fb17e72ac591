import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../../sports/sport-column.js';

/**
 * GPX defines no sport vocabulary: `trk/type` is free text, so this is convention, not standard.
 * We write the `gpx` column's first name (the canonical name, also Garmin Connect's key for most
 * sports) and read, in any case and with spaces or hyphens as underscores, the `gpx` column (which
 * adds Strava's legacy numeric codes "1" ride and "9" run) plus every `garmin` and `strava` name,
 * the two sources of GPX exports. Anything else reads as `other`.
 */
const key = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const GPX_TYPES: ReadonlyMap<string, SportType> = mergeIndexes([
  sportIndex('gpx', key),
  sportIndex('garmin', key),
  sportIndex('strava', key),
]);

/** Canonical sport → the `<type>` text we write. */
export function gpxTypeOf(sport: SportType): string {
  return writtenName('gpx', sport);
}

/** `<type>` text → canonical sport; unknown → `other`. */
export function sportTypeOfGpx(type: string | undefined): SportType {
  return (type === undefined ? undefined : GPX_TYPES.get(key(type))) ?? 'other';
}

/** Columns merged into one reader must agree on every shared spelling, as within one column. */
function mergeIndexes(indexes: readonly ReadonlyMap<string, SportType>[]): ReadonlyMap<string, SportType> {
  const merged = new Map<string, SportType>();
  for (const index of indexes) {
    for (const [name, sport] of index) {
      const claimed = merged.get(name);
      if (claimed !== undefined && claimed !== sport) {
        throw new Error(`GPX sport names: "${name}" read as both ${claimed} and ${sport}`);
      }
      merged.set(name, sport);
    }
  }
  return merged;
}
