import { SPORT_TYPES, type SportType } from '@syncwell/core';
import {
  SPORT_MAPPING_TABLE,
  type OwnNames,
  type SportColumn,
  type SportNameKinds,
  type WrittenColumn,
  type WritesAs,
} from './sport-mapping-table.js';

/** The table seen one column at a time (every row's concrete type widens to these). */
const READ_VIEW: Readonly<
  Record<SportType, { readonly [C in SportColumn]: readonly SportNameKinds[C][] | WritesAs }>
> = SPORT_MAPPING_TABLE;
const WRITE_VIEW: Readonly<
  Record<SportType, { readonly [C in WrittenColumn]: OwnNames<SportNameKinds[C]> | WritesAs }>
> = SPORT_MAPPING_TABLE;
/** `other` names itself in every written column (the table's type says so): the end of every fallback. */
const OTHER_ROW: { readonly [C in WrittenColumn]: OwnNames<SportNameKinds[C]> } = SPORT_MAPPING_TABLE.other;

/** A sport's own names in a column; none where it only writes as another sport or has no name. */
export function ownNames<C extends SportColumn>(column: C, sport: SportType): readonly SportNameKinds[C][] {
  const cell = READ_VIEW[sport][column];
  return 'writeAs' in cell ? [] : cell;
}

/** The sport whose first name is written for `sport` in a column (itself unless the cell writes as another). */
export function writtenSport(column: WrittenColumn, sport: SportType): SportType {
  const cell = WRITE_VIEW[sport][column];
  return 'writeAs' in cell ? cell.writeAs : sport;
}

/**
 * The name we write for a sport: its first own name, else the first name of the sport its cell
 * writes as, else (a fallback chain the table test forbids) the first name of `other`.
 * @example writtenName('strava', 'open_water_swimming') // 'Swim'
 */
export function writtenName<C extends WrittenColumn>(column: C, sport: SportType): SportNameKinds[C] {
  const firstOwn = (candidate: SportType): SportNameKinds[C] | undefined => {
    const cell = WRITE_VIEW[candidate][column];
    return 'writeAs' in cell ? undefined : cell[0];
  };
  return firstOwn(sport) ?? firstOwn(writtenSport(column, sport)) ?? OTHER_ROW[column][0];
}

/**
 * Every name of a column, normalised by `key`, → its sport. Built once per module at load; two
 * sports claiming one normalised name is a bug in the table, so it throws rather than pick one.
 * @example sportIndex('polar', upperSnake).get(upperSnake('Road biking')) // 'cycling'
 */
export function sportIndex<C extends SportColumn>(
  column: C,
  key: (name: SportNameKinds[C]) => string,
): ReadonlyMap<string, SportType> {
  const index = new Map<string, SportType>();
  for (const sport of SPORT_TYPES) {
    for (const name of ownNames(column, sport)) {
      const normalised = key(name);
      const claimed = index.get(normalised);
      if (claimed !== undefined && claimed !== sport) {
        throw new Error(`sport table: ${column} name "${normalised}" claimed by ${claimed} and ${sport}`);
      }
      index.set(normalised, sport);
    }
  }
  return index;
}
