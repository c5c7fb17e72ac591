import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SPORT_TYPES, workout as workoutSchema } from '@syncwell/core';
import type { SportType, Workout } from '@syncwell/core';
import { decodeWorkoutFit, encodeWorkoutFit } from './fit/index.js';
import { decodeWorkoutGpx, encodeWorkoutGpx } from './gpx/index.js';
import { decodeWorkoutTcx, encodeWorkoutTcx } from './tcx/index.js';
import type { EncodedWorkout } from './workout-file.js';

const SOURCE = { provider: 'polar', externalId: 'p-1' } as const;
const legSports = SPORT_TYPES.filter((s) => s !== 'multisport');

/**
 * Workouts of every shape the codecs handle: plain or multisport (2–5 legs, transitions between
 * sport legs), with or without laps, tracks with segment breaks. Values are arbitrary, so some
 * round trips are exact and some are not: what must hold is that the report says which. A
 * `consistent` workout (whole seconds, totals equal to its legs' sums, moving time = elapsed, no
 * laps) is one FIT and TCX can hold exactly, so both sides of the claim are exercised.
 */
const workoutArb = fc
  .record({
    startSec: fc.integer({ min: Date.parse('2001-01-01') / 1000, max: Date.parse('2034-01-01') / 1000 }),
    legSeconds: fc.array(fc.integer({ min: 30, max: 4000 }), { minLength: 1, maxLength: 5 }),
    transitions: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    sports: fc.array(fc.constantFrom<SportType>(...legSports), { minLength: 5, maxLength: 5 }),
    subSecond: fc.boolean(),
    points: fc.integer({ min: 1, max: 30 }),
    breaks: fc.array(fc.integer({ min: 1, max: 29 }), { maxLength: 3 }),
    lat: fc.double({ min: -60, max: 60, noNaN: true }),
    lon: fc.double({ min: -170, max: 170, noNaN: true }),
    distance: fc.integer({ min: 1, max: 5_000_000 }).map((cm) => cm / 100),
    energy: fc.integer({ min: 1, max: 3000 }),
    hr: fc.integer({ min: 60, max: 190 }),
    lapCount: fc.constantFrom(0, 2),
    consistent: fc.boolean(),
  })
  .map((g): Workout => {
    const total = g.legSeconds.reduce((a, b) => a + b, 0);
    const subSecond = g.subSecond && !g.consistent;
    const lapCount = g.consistent ? 0 : g.lapCount;
    const ms = (sec: number): string =>
      new Date((g.startSec + sec) * 1000 + (subSecond && sec > 0 ? 250 : 0)).toISOString();
    // Consistent legs share the workout's values out by leg; the workout's are their sums.
    const legTotals = (i: number) =>
      g.consistent
        ? {
            movingTime: { value: g.legSeconds[i] ?? 0, unit: 's' },
            distance: { value: (g.distance * (i + 1)) / 100, unit: 'm' },
            energy: { value: g.energy + i, unit: 'kcal' },
            heartRate: {
              average: { value: g.hr, unit: '/min' },
              maximum: { value: g.hr + 10, unit: '/min' },
            },
          }
        : {};
    const bounds = g.legSeconds.reduce<number[]>((acc, s) => [...acc, (acc.at(-1) ?? 0) + s], [0]);
    const multisport = g.legSeconds.length >= 2;
    const legs = g.legSeconds.map((_, i) => {
      const span = { startTime: ms(bounds[i] ?? 0), endTime: ms(bounds[i + 1] ?? total) };
      const transition = i > 0 && i < g.legSeconds.length - 1 && (g.transitions[i] ?? false);
      return transition
        ? { kind: 'transition' as const, ...span, ...legTotals(i) }
        : { kind: 'sport' as const, sport: g.sports[i] ?? 'running', ...span, ...legTotals(i) };
    });
    const sumOf = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const totals =
      multisport && g.consistent
        ? {
            distance: { value: sumOf(legs.map((_, i) => (g.distance * (i + 1)) / 100)), unit: 'm' },
            energy: { value: sumOf(legs.map((_, i) => g.energy + i)), unit: 'kcal' },
          }
        : { distance: { value: g.distance, unit: 'm' }, energy: { value: g.energy, unit: 'kcal' } };
    const step = Math.max(1, Math.floor(total / g.points));
    const breaks = new Set(g.breaks);
    return workoutSchema.parse({
      type: 'workout',
      provenance: SOURCE,
      sport: multisport ? 'multisport' : (g.sports[0] ?? 'running'),
      startTime: ms(0),
      endTime: ms(total),
      utcOffsetMinutes: 60,
      ...totals,
      ...(g.consistent ? { movingTime: { value: total, unit: 's' } } : {}),
      heartRate: { average: { value: g.hr, unit: '/min' }, maximum: { value: g.hr + 10, unit: '/min' } },
      laps: Array.from({ length: lapCount }, (_, i) => ({
        startTime: ms(Math.floor((i * total) / lapCount)),
        endTime: ms(Math.floor(((i + 1) * total) / lapCount)),
      })),
      track: Array.from({ length: Math.min(g.points, Math.floor(total / step)) }, (_, i) => ({
        time: ms(i * step),
        // On FIT's semicircle grid, so that FIT round trips can be exact too.
        lat: onGrid(g.lat + i * 1e-4),
        lon: onGrid(g.lon + i * 1e-4),
        heartRateBpm: g.hr,
        ...(i > 0 && breaks.has(i) ? { newSegment: true } : {}),
      })),
      ...(multisport ? { legs } : {}),
    });
  });

const onGrid = (degrees: number): number => Math.round(degrees * (2 ** 31 / 180)) / (2 ** 31 / 180);

const comparable = ({ provenance: _p, ...rest }: Workout): unknown => JSON.parse(JSON.stringify(rest));

function reportIsTruthful<T>(
  encode: (w: Workout) => EncodedWorkout<T>,
  decode: (data: T) => Workout[],
  expectExact: boolean,
): void {
  const seen = { exact: 0, reported: 0 };
  fc.assert(
    fc.property(workoutArb, (w) => {
      const { data, changes } = encode(w);
      const back = decode(data);
      const exact =
        back.length === 1 && back[0] !== undefined && isDeepStrictEqual(comparable(back[0]), comparable(w));
      expect(changes.length === 0, JSON.stringify(changes)).toBe(exact);
      seen[exact ? 'exact' : 'reported'] += 1;
    }),
    { numRuns: 80 },
  );
  // Both sides of the claim were exercised where the format can be exact at all.
  expect(seen.reported).toBeGreaterThan(0);
  if (expectExact) expect(seen.exact).toBeGreaterThan(0);
}

describe('encoders report exactly when the round trip is not exact', () => {
  it('FIT', () => {
    reportIsTruthful(encodeWorkoutFit, (data) => [decodeWorkoutFit(data, SOURCE).workout], true);
  });

  it('TCX', () => {
    reportIsTruthful(encodeWorkoutTcx, (data) => [...decodeWorkoutTcx(data, SOURCE).workouts], true);
  });

  it('GPX (never exact here: it has no place for the totals every generated workout carries)', () => {
    reportIsTruthful(encodeWorkoutGpx, (data) => [decodeWorkoutGpx(data, SOURCE).workout], false);
  });
});
