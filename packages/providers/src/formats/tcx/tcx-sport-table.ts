import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../../sports/sport-column.js';
import type { TcxSport } from '../../sports/sport-mapping-table.js';

export type { TcxSport } from '../../sports/sport-mapping-table.js';

/**
 * The `tcx` column of the sport mapping table. TCX has only three sports, so writing is many-to-one
 * (a trail run is written `Running` and reads back as `running`; hiking, swimming, rowing...
 * read back as `other`). Reading is exact and case-sensitive, as the schema's enum is: anything
 * outside it (some tools write `Walking`, `Swimming`, `running`) is `other`.
 */
const TCX_SPORTS = sportIndex('tcx', (name) => name);

/** Canonical sport → TCX `Sport` attribute. */
export function tcxSportOf(sport: SportType): TcxSport {
  return writtenName('tcx', sport);
}

/** TCX `Sport` attribute → canonical sport (its general meaning); unknown → `other`. */
export function sportTypeOfTcx(sport: string | undefined): SportType {
  return (sport === undefined ? undefined : TCX_SPORTS.get(sport)) ?? 'other';
}
