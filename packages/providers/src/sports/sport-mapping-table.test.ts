import { describe, expect, it } from 'vitest';
import { SPORT_TYPES, type SportType } from '@syncwell/core';
import { fitSportOf, sportTypeOfFit } from '../formats/fit/fit-sport-table.js';
import { gpxTypeOf, sportTypeOfGpx } from '../formats/gpx/gpx-sport-table.js';
import { sportTypeOfTcx, tcxSportOf } from '../formats/tcx/tcx-sport-table.js';
import { garminActivityTypeOf, sportFromGarmin } from '../garmin/sport-table.js';
import { sportFromGoogle, sportToGoogle } from '../google-health/sport-table.js';
import { sportFromOura } from '../oura/sport-table.js';
import { sportFromPolar } from '../polar/sport-table.js';
import { sportFromStrava, sportToStrava } from '../strava/sport-table.js';
import { sportFromWhoop } from '../whoop/sport-table.js';
import { sportFromWithings, withingsCategoryFor } from '../withings/sport-table.js';
import { ownNames, writtenSport } from './sport-column.js';
import {
  SPORT_COLUMNS,
  SPORT_MAPPING_TABLE,
  WRITTEN_COLUMNS,
  type SportColumn,
  type SportMappingTable,
  type SportNameKinds,
  type SportRow,
} from './sport-mapping-table.js';

/** Each column through its module's public functions: what callers actually get. */
const WRITE_AND_READ = {
  strava: [sportToStrava, (name: string) => sportFromStrava(name, false)],
  fit: [fitSportOf, (pair: SportNameKinds['fit']) => sportTypeOfFit(pair.sport, pair.subSport)],
  tcx: [tcxSportOf, sportTypeOfTcx],
  gpx: [gpxTypeOf, sportTypeOfGpx],
  garmin: [garminActivityTypeOf, sportFromGarmin],
  googleHealth: [sportToGoogle, sportFromGoogle],
  withings: [withingsCategoryFor, sportFromWithings],
} as const;
const READ: { readonly [C in SportColumn]: (name: SportNameKinds[C]) => SportType } = {
  strava: WRITE_AND_READ.strava[1],
  fit: WRITE_AND_READ.fit[1],
  tcx: WRITE_AND_READ.tcx[1],
  gpx: WRITE_AND_READ.gpx[1],
  garmin: WRITE_AND_READ.garmin[1],
  googleHealth: WRITE_AND_READ.googleHealth[1],
  withings: WRITE_AND_READ.withings[1],
  oura: sportFromOura,
  polar: sportFromPolar,
  whoop: (name) => sportFromWhoop(name, null),
  whoopId: (id) => sportFromWhoop(null, id),
};

/** The loosest spelling any column's reader could fold two names into: case and separators gone. */
function folded(name: SportNameKinds[SportColumn]): string {
  const text = typeof name === 'object' ? `${name.sport}/${name.subSport}` : String(name);
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

describe('sport mapping table', () => {
  it('writes a name for every canonical sport to every writable target and reads it back (round trip)', () => {
    const lossy: string[] = [];
    for (const column of ['strava', 'fit', 'tcx', 'gpx'] as const) {
      const [write, read] = WRITE_AND_READ[column];
      for (const sport of SPORT_TYPES) {
        const name = write(sport);
        expect(name, `${column}/${sport}`).toBeDefined();
        // A lossy cell is declared in the table (`writeAs`); everything else must come back as itself.
        const expected = writtenSport(column, sport);
        expect((read as (n: typeof name) => SportType)(name), `${column}/${sport}`).toBe(expected);
        if (expected !== sport) lossy.push(`${column}/${sport}`);
      }
    }
    // FIT and GPX are lossless; Strava lacks an open-water swim and a multisport type (it takes the
    // legs from the file); TCX knows three sports.
    expect(lossy.filter((cell) => !cell.startsWith('tcx/'))).toEqual([
      'strava/open_water_swimming',
      'strava/multisport',
    ]);
    expect(lossy.filter((cell) => cell.startsWith('tcx/'))).toHaveLength(SPORT_TYPES.length - 3);
  });

  it('round-trips the simulator-written columns too, falling back only to a sport with a name of its own', () => {
    for (const column of WRITTEN_COLUMNS) {
      for (const sport of SPORT_TYPES) {
        const target = writtenSport(column, sport);
        expect(ownNames(column, target).length, `${column}/${sport} writes as ${target}`).toBeGreaterThan(0);
      }
    }
    for (const column of ['garmin', 'googleHealth', 'withings'] as const) {
      const [write, read] = WRITE_AND_READ[column];
      for (const sport of SPORT_TYPES) {
        expect((read as (n: unknown) => SportType)(write(sport))).toBe(writtenSport(column, sport));
      }
    }
  });

  it('lets no two canonical sports claim the same read name within one column', () => {
    for (const column of SPORT_COLUMNS) {
      const claims = new Map<string, SportType>();
      for (const sport of SPORT_TYPES) {
        for (const name of ownNames(column, sport)) {
          const claimed = claims.get(folded(name)) ?? sport;
          expect(claimed, `${column} "${folded(name)}"`).toBe(sport);
          claims.set(folded(name), sport);
        }
      }
    }
  });

  it('reads every name of every column as its sport through the provider module, in any case', () => {
    for (const column of SPORT_COLUMNS) {
      const read = READ[column] as (name: SportNameKinds[SportColumn]) => SportType;
      for (const sport of SPORT_TYPES) {
        for (const name of ownNames(column, sport)) {
          expect(read(name), `${column} ${JSON.stringify(name)}`).toBe(sport);
          // TCX's schema enum is case-sensitive; every other text column is read in any case.
          if (typeof name === 'string' && column !== 'tcx') {
            expect(read(name.toUpperCase()), `${column} ${name}`).toBe(sport);
            expect(read(name.toLowerCase()), `${column} ${name}`).toBe(sport);
          }
        }
      }
    }
    // The GPX reader also takes every Garmin key and Strava name (the sources of GPX exports).
    for (const sport of SPORT_TYPES) {
      for (const name of [...ownNames('garmin', sport), ...ownNames('strava', sport)]) {
        expect(sportTypeOfGpx(name), name).toBe(sport);
      }
    }
  });

  it('reads unknown names as other', () => {
    expect(sportFromStrava('Kitesurf', false)).toBe('other');
    expect(sportFromGarmin('KITESURFING')).toBe('other');
    expect(sportFromWhoop('paddle tennis', 44)).toBe('other');
    expect(sportFromWithings(36)).toBe('other');
    expect(sportTypeOfFit('training', 'pilates')).toBe('other');
  });

  it('makes a missing column, an unknown sport or a self-less `other` a compile error', () => {
    const { strava: _dropped, ...withoutStrava } = SPORT_MAPPING_TABLE.yoga;
    // @ts-expect-error a row must fill every column
    const missingColumn: SportRow<'yoga'> = withoutStrava;
    const unknownSport: SportMappingTable = {
      ...SPORT_MAPPING_TABLE,
      // @ts-expect-error every key is a canonical sport
      kitesurfing: SPORT_MAPPING_TABLE.other,
    };
    // @ts-expect-error `other` must name itself in every written column
    const otherWritesAs: SportRow<'other'> = { ...SPORT_MAPPING_TABLE.other, tcx: { writeAs: 'running' } };
    // @ts-expect-error a written column needs at least one name
    const emptyWritten: SportRow<'yoga'> = { ...SPORT_MAPPING_TABLE.yoga, strava: [] };
    expect([missingColumn, unknownSport, otherWritesAs, emptyWritten]).toHaveLength(4);
  });
});
