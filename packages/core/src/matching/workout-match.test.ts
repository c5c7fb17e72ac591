import { describe, expect, it } from 'vitest';
import { sportsCompatible } from './sport-compatibility.js';
import { matchWorkouts } from './workout-match.js';
import { copyOf, HOUR, MIN, T0, workout } from './matching-test-support.js';

const verdict = (a: Parameters<typeof matchWorkouts>[0], b: Parameters<typeof matchWorkouts>[1]) =>
  matchWorkouts(a, b).verdict;

describe('matchWorkouts: start tolerance', () => {
  it('the same workout at two providers is `same`', () => {
    const a = workout();
    const result = matchWorkouts(a, copyOf(a));
    expect(result.verdict).toBe('same');
    expect(result.score).toBeCloseTo(1, 6);
    expect(result.reasons).toEqual([
      'start_within_tolerance',
      'sport_compatible',
      'duration_similar',
      'distance_similar',
    ]);
  });

  it('matches at exactly ±3 min and not one millisecond beyond', () => {
    const a = workout();
    expect(verdict(a, copyOf(a, { shiftMs: 3 * MIN }))).toBe('same');
    expect(verdict(a, copyOf(a, { shiftMs: -3 * MIN }))).toBe('same');
    expect(matchWorkouts(a, copyOf(a, { shiftMs: 3 * MIN + 1 }))).toMatchObject({
      verdict: 'different',
      reasons: ['start_outside_tolerance'],
    });
    expect(verdict(a, copyOf(a, { shiftMs: -3 * MIN - 1 }))).toBe('different');
  });

  it('a closer start scores higher', () => {
    const a = workout();
    expect(matchWorkouts(a, copyOf(a, { shiftMs: MIN })).score).toBeGreaterThan(
      matchWorkouts(a, copyOf(a, { shiftMs: 2 * MIN })).score,
    );
  });

  it('matches across local midnight: the UTC start decides, not the local day', () => {
    // 23:58 at UTC+02:00 on 1 March, and the other provider's 00:01 on 2 March.
    const a = workout({ startMs: Date.parse('2025-03-01T21:58:00Z'), utcOffsetMinutes: 120, minutes: 30 });
    expect(verdict(a, copyOf(a, { shiftMs: 3 * MIN }))).toBe('same');
  });
});

describe('matchWorkouts: time-zone errors', () => {
  it('local time labelled as UTC (shift by the record offset) is `same`', () => {
    const a = workout({ utcOffsetMinutes: 120, minutes: 45 });
    const result = matchWorkouts(a, copyOf(a, { shiftMs: 2 * HOUR, utcOffsetMinutes: 0 }));
    expect(result.verdict).toBe('same');
    expect(result.reasons[0]).toBe('start_shifted_by_whole_hours');
  });

  it('a whole-hour shift with jitter up to the 3 min boundary is `same`, beyond it `different`', () => {
    const a = workout({ minutes: 30 });
    expect(verdict(a, copyOf(a, { shiftMs: -5 * HOUR + 3 * MIN }))).toBe('same');
    expect(verdict(a, copyOf(a, { shiftMs: -5 * HOUR - 3 * MIN - 1 }))).toBe('different');
  });

  it('shifts of up to 14 h count, 15 h does not', () => {
    const a = workout({ minutes: 30 });
    expect(verdict(a, copyOf(a, { shiftMs: 14 * HOUR }))).toBe('same');
    expect(verdict(a, copyOf(a, { shiftMs: 15 * HOUR }))).toBe('different');
  });

  it('a fractional offset (+05:30, +05:45) shift is `same`', () => {
    const india = workout({ utcOffsetMinutes: 330, minutes: 40 });
    const result = matchWorkouts(india, copyOf(india, { shiftMs: 330 * MIN + MIN }));
    expect(result).toMatchObject({ verdict: 'same' });
    expect(result.reasons[0]).toBe('start_shifted_by_utc_offset');
    const nepal = workout({ utcOffsetMinutes: 345, minutes: 40 });
    expect(verdict(copyOf(nepal, { shiftMs: -345 * MIN, utcOffsetMinutes: 0 }), nepal)).toBe('same');
    // A 5 h 30 shift with nobody at +05:30 is no known clock error.
    expect(verdict(workout({ minutes: 40 }), copyOf(workout({ minutes: 40 }), { shiftMs: 330 * MIN }))).toBe(
      'different',
    );
  });

  it('a long ride shifted by 1 h overlaps itself as recorded and is still `same`', () => {
    const ride = workout({ sport: 'cycling', minutes: 180, distanceM: 90_000 });
    expect(verdict(ride, copyOf(ride, { shiftMs: HOUR }))).toBe('same');
  });

  it('a shifted candidate must agree on duration and distance, or it is `different`', () => {
    const a = workout({ minutes: 30 });
    expect(verdict(a, workout({ startMs: T0 + 3 * HOUR, minutes: 50 }))).toBe('different');
    expect(verdict(a, workout({ startMs: T0 + 3 * HOUR, minutes: 30, distanceM: 5_000 }))).toBe('different');
  });
});

describe('matchWorkouts: distinct workouts close in time are never merged', () => {
  it('a warm-up and the race 10 minutes after it', () => {
    const warmUp = workout({ minutes: 15, distanceM: 2_500 });
    const race = workout({ startMs: T0 + 25 * MIN, minutes: 45, distanceM: 10_000 });
    expect(verdict(warmUp, race)).toBe('different');
  });

  it('two back-to-back one-hour sessions (looks like a 1 h shift, is not)', () => {
    const first = workout({ minutes: 60, sport: 'indoor_cycling', distanceM: undefined });
    const second = workout({
      startMs: T0 + HOUR,
      minutes: 60,
      sport: 'indoor_cycling',
      distanceM: undefined,
    });
    expect(matchWorkouts(first, second)).toMatchObject({
      verdict: 'different',
      reasons: ['start_shifted_by_whole_hours', 'back_to_back_sessions'],
    });
  });

  it('two 50-minute classes with a 10-minute break at UTC+01:00', () => {
    const first = workout({ minutes: 50, utcOffsetMinutes: 60 });
    const second = workout({ startMs: T0 + HOUR, minutes: 50, utcOffsetMinutes: 60 });
    expect(verdict(first, second)).toBe('different');
  });

  it('a short recording inside nothing: disjoint ranges starting within 3 min', () => {
    const a = workout({ minutes: 2, distanceM: undefined });
    const b = workout({ startMs: T0 + 2 * MIN + 30_000, minutes: 2, distanceM: undefined });
    expect(matchWorkouts(a, b).reasons).toContain('time_ranges_disjoint');
  });
});

describe('matchWorkouts: values', () => {
  it('compatible sports match; incompatible ones never do', () => {
    const run = workout({ sport: 'running' });
    expect(verdict(run, copyOf({ ...run, sport: 'treadmill_running' }))).toBe('same');
    expect(verdict(run, copyOf({ ...run, sport: 'other' }))).toBe('same');
    expect(matchWorkouts(run, copyOf({ ...run, sport: 'cycling' })).reasons).toContain('sport_incompatible');
  });

  it('duration: within 10 % or 5 min is similar, beyond it the same slot is a `conflict`', () => {
    const a = workout({ minutes: 20, distanceM: undefined });
    expect(verdict(a, workout({ minutes: 25, distanceM: undefined }))).toBe('same'); // 5 min
    const b = workout({ minutes: 100, distanceM: undefined });
    expect(verdict(b, workout({ minutes: 110, distanceM: undefined }))).toBe('same'); // 10 % of 110 = 11 min
    expect(verdict(b, workout({ minutes: 115, distanceM: undefined }))).toBe('conflict');
  });

  it('distance: within 10 % is similar, beyond it a `conflict`; missing on one side is no conflict', () => {
    const a = workout({ distanceM: 10_000 });
    expect(verdict(a, workout({ distanceM: 9_000 }))).toBe('same');
    expect(matchWorkouts(a, workout({ distanceM: 8_000 }))).toMatchObject({
      verdict: 'conflict',
      reasons: expect.arrayContaining(['distance_differs']) as unknown,
    });
    expect(matchWorkouts(a, workout({ distanceM: undefined }))).toMatchObject({
      verdict: 'same',
      reasons: expect.arrayContaining(['distance_missing']) as unknown,
    });
  });
});

describe('sportsCompatible', () => {
  it('follows the families', () => {
    expect(sportsCompatible('cycling', 'mountain_biking')).toBe(true);
    expect(sportsCompatible('indoor_cycling', 'cycling')).toBe(true);
    expect(sportsCompatible('walking', 'hiking')).toBe(true);
    expect(sportsCompatible('open_water_swimming', 'swimming')).toBe(true);
    expect(sportsCompatible('yoga', 'other')).toBe(true);
    expect(sportsCompatible('hiking', 'trail_running')).toBe(false);
    expect(sportsCompatible('rowing', 'yoga')).toBe(false);
  });
});
