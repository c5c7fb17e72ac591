import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../records/canonical-record.js';
import { SPORT_TYPES } from '../records/sport.js';
import { matchRecords } from './match-records.js';
import { createRecordMatcher } from './record-matcher.js';
import { copyOf, day, HOUR, iso, MIN, sleep, weighIn, workout } from './matching-test-support.js';

/** Real offsets: whole hours from UTC−12 to UTC+14 and the fractional ones in use. */
const offset = fc.oneof(
  fc.integer({ min: -12, max: 14 }).map((h) => h * 60),
  fc.constantFrom(330, 345, 525, 570, 765, -210, -570),
);
const startMs = fc.integer({
  min: Date.parse('2020-01-01T00:00:00Z'),
  max: Date.parse('2030-01-01T00:00:00Z'),
});
const sport = fc.constantFrom(...SPORT_TYPES);
const distance = fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined });
const workoutSpec = (minDurationMs: number) =>
  fc.record({
    startMs,
    durationMs: fc.integer({ min: minDurationMs, max: 8 * HOUR }),
    sport,
    distanceM: distance,
    utcOffsetMinutes: offset,
  });
const anyWorkout = workoutSpec(0).map(workout);

/** b as another provider might report a: moved by jitter, a clock error or anything, re-measured. */
const nearbyPair = fc
  .record({
    a: workoutSpec(0),
    move: fc.oneof(
      fc.integer({ min: -10 * MIN, max: 10 * MIN }),
      fc
        .tuple(fc.integer({ min: -15, max: 15 }), fc.integer({ min: -5 * MIN, max: 5 * MIN }))
        .map(([h, j]) => h * HOUR + j),
      fc.integer({ min: -30 * HOUR, max: 30 * HOUR }),
    ),
    stretch: fc.double({ min: 0.6, max: 1.4, noNaN: true }),
    sportB: fc.option(sport, { nil: undefined }),
    distanceB: fc.option(distance, { nil: undefined }),
    offsetB: fc.option(offset, { nil: undefined }),
  })
  .map(({ a, move, stretch, sportB, distanceB, offsetB }) => {
    const durationMs = Math.round(a.durationMs * stretch);
    const b = workout({
      startMs: a.startMs + move,
      durationMs,
      sport: sportB ?? a.sport,
      distanceM: distanceB === undefined ? a.distanceM : distanceB,
      utcOffsetMinutes: offsetB ?? a.utcOffsetMinutes,
    });
    return [workout(a), b] as const;
  });

const date = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const anyDay = fc
  .record({ date, steps: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }), offset })
  .map(({ date: d, steps, offset: o }) =>
    day(d, { ...(steps === undefined ? {} : { steps }), utcOffsetMinutes: o }),
  );
const anySleep = fc.tuple(startMs, fc.integer({ min: 0, max: 14 * HOUR })).map(([s, d]) => sleep(s, s + d));
const anyWeighIn = fc
  .tuple(
    startMs,
    fc.option(fc.integer({ min: 30_000, max: 200_000 }), { nil: undefined }),
    fc.integer({ min: 3, max: 60 }),
  )
  .map(([t, grams, fat]) => weighIn(t, grams === undefined ? undefined : grams / 1000, fat));
const anyRecord: fc.Arbitrary<CanonicalRecord> = fc.oneof(anyWorkout, anyDay, anySleep, anyWeighIn);

describe('matching properties', () => {
  it('is symmetric: match(a, b) and match(b, a) give the same verdict and score', () => {
    fc.assert(
      fc.property(nearbyPair, ([a, b]) => {
        const ab = matchRecords(a, b);
        const ba = matchRecords(b, a);
        expect(ba.verdict).toBe(ab.verdict);
        expect(ba.score).toBe(ab.score);
      }),
      { numRuns: 3_000 },
    );
    fc.assert(
      fc.property(anyRecord, anyRecord, (a, b) => {
        expect(matchRecords(b, a).verdict).toBe(matchRecords(a, b).verdict);
      }),
      { numRuns: 1_000 },
    );
  });

  it('a record always matches itself', () => {
    fc.assert(
      fc.property(anyRecord, (r) => {
        expect(matchRecords(r, r).verdict).toBe('same');
      }),
      { numRuns: 1_000 },
    );
  });

  it('two distinct workouts close in time (the second starts 0–15 min after the first ends) are never merged', () => {
    fc.assert(
      fc.property(
        workoutSpec(MIN),
        workoutSpec(MIN),
        fc.integer({ min: 0, max: 15 * MIN - 1 }),
        (first, second, breakMs) => {
          const a = workout(first);
          const b = workout({ ...second, startMs: first.startMs + first.durationMs + breakMs });
          expect(matchRecords(a, b).verdict).toBe('different');
          expect(matchRecords(b, a).verdict).toBe('different');
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('a workout shifted by its offset (local time labelled UTC) or by whole hours still matches', () => {
    const shiftedCopy = fc
      .record({
        w: workoutSpec(0),
        hours: fc.integer({ min: -14, max: 14 }).filter((h) => h !== 0),
        byOwnOffset: fc.boolean(),
        jitterMs: fc.integer({ min: -3 * MIN, max: 3 * MIN }),
        offsetLost: fc.boolean(),
      })
      .filter(({ w, byOwnOffset }) => !byOwnOffset || w.utcOffsetMinutes !== 0);
    fc.assert(
      fc.property(shiftedCopy, ({ w, hours, byOwnOffset, jitterMs, offsetLost }) => {
        const a = workout(w);
        const shiftMs = (byOwnOffset ? w.utcOffsetMinutes * MIN : hours * HOUR) + jitterMs;
        const b = copyOf(a, { shiftMs, ...(offsetLost ? { utcOffsetMinutes: 0 } : {}) });
        // The documented exceptions: shifted by about its own length, the copy sits back to back
        // with the original and is read as a second session (BACK_TO_BACK_BREAK_MS); a workout
        // shorter than the jitter no longer overlaps its copy (time_ranges_disjoint).
        const gap = Math.abs(shiftMs) - w.durationMs;
        fc.pre(gap < 0 || gap >= 15 * MIN);
        fc.pre(Math.abs(jitterMs) < w.durationMs || jitterMs === 0);
        expect(matchRecords(a, b).verdict).toBe('same');
        expect(matchRecords(b, a).verdict).toBe('same');
      }),
      { numRuns: 3_000 },
    );
  });

  it('daily records on different local days never match', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        fc.pre(a.date !== b.date);
        expect(matchRecords(a, b).verdict).toBe('different');
      }),
      { numRuns: 1_000 },
    );
  });

  it('the RecordMatcher finds what comparing against every destination record finds', () => {
    const around = (base: number) => fc.integer({ min: base - 36 * HOUR, max: base + 36 * HOUR });
    const base = Date.parse('2025-03-01T12:00:00Z');
    const clustered: fc.Arbitrary<CanonicalRecord> = fc.oneof(
      fc
        .record({
          startMs: fc.oneof(
            around(base),
            around(base).map((t) => t - (t % HOUR)),
          ),
          durationMs: fc.constantFrom(20 * MIN, 45 * MIN, 60 * MIN, 3 * HOUR),
          sport: fc.constantFrom('running', 'trail_running', 'cycling', 'other'),
          distanceM: fc.option(fc.constantFrom(5_000, 5_400, 10_000), { nil: undefined }),
          utcOffsetMinutes: fc.constantFrom(0, 60, 330, -300),
        })
        .map(workout),
      fc.constantFrom('2025-02-28', '2025-03-01', '2025-03-02').map((d) => day(d, { steps: 5_000 })),
      around(base).map((t) => sleep(t, t + 7 * HOUR)),
      around(base).map((t) => weighIn(t - (t % (10 * MIN)), 70)),
    );
    fc.assert(
      fc.property(
        fc.array(clustered, { maxLength: 40 }),
        fc.array(clustered, { maxLength: 20 }),
        (dest, sources) => {
          const matcher = createRecordMatcher(dest);
          for (const source of sources) {
            let best = 0;
            for (const d of dest) {
              const r = matchRecords(source, d);
              if (r.verdict !== 'different') best = Math.max(best, r.score);
            }
            const found = matcher.find(source);
            expect(found?.result.score ?? 0).toBe(best);
            if (found) expect(matchRecords(source, found.record)).toEqual(found.result);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('iso helper', () => {
  it('keeps milliseconds', () => {
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
