import type { Types } from '@garmin/fitsdk';
import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../../sports/sport-column.js';
import type { FitSport } from '../../sports/sport-mapping-table.js';

export type { FitSport } from '../../sports/sport-mapping-table.js';

const key = (sport: Types.Sport, subSport: Types.SubSport): string => `${String(sport)}/${String(subSport)}`;
/** The `fit` column of the sport mapping table, by exact sport/sub-sport pair. */
const FIT_SPORTS = sportIndex('fit', (pair) => key(pair.sport, pair.subSport));

/** Canonical sport → FIT sport/sub-sport (the column's first pair). */
export function fitSportOf(sport: SportType): FitSport {
  return writtenName('fit', sport);
}

/**
 * FIT sport/sub-sport → canonical sport: the exact pair, else the sport's `generic` pair (its
 * general meaning), so a FIT `running/street` still reads as running. Unknown sports, and a
 * sport whose general meaning is no canonical sport (`training/pilates`), become `other`.
 */
export function sportTypeOfFit(
  sport: Types.Sport | undefined,
  subSport: Types.SubSport | undefined,
): SportType {
  if (sport === undefined) return 'other';
  return (
    FIT_SPORTS.get(key(sport, subSport ?? 'generic')) ?? FIT_SPORTS.get(key(sport, 'generic')) ?? 'other'
  );
}
