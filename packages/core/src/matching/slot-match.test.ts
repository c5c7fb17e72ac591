import { describe, expect, it } from 'vitest';
import { localDateOf } from '../records/time.js';
import type { HeartRateSamples } from '../records/heart-rate.js';
import { matchBodyMeasurements } from './body-measurement-match.js';
import { matchDailyActivity, matchHeartRateDays } from './daily-match.js';
import { matchRecords } from './match-records.js';
import { matchSleep } from './sleep-match.js';
import { day, HOUR, MIN, sleep, T0, weighIn, workout } from './matching-test-support.js';

describe('matchDailyActivity', () => {
  it('same local day and equal values (within rounding) → `same`', () => {
    expect(
      matchDailyActivity(day('2025-03-01', { steps: 10_000 }), day('2025-03-01', { steps: 10_050 })).verdict,
    ).toBe('same');
  });

  it('same local day, different totals → `conflict`', () => {
    expect(
      matchDailyActivity(day('2025-03-01', { steps: 10_000 }), day('2025-03-01', { steps: 12_000 })),
    ).toMatchObject({ verdict: 'conflict', reasons: ['same_local_day', 'values_differ'] });
  });

  it('a field only one side measures is no conflict', () => {
    const a = day('2025-03-01', { steps: 8_000, distanceM: 6_000 });
    expect(matchDailyActivity(a, day('2025-03-01', { steps: 8_000 })).verdict).toBe('same');
  });

  it('different local days never match, whatever the values', () => {
    expect(
      matchDailyActivity(day('2025-03-01', { steps: 10 }), day('2025-03-02', { steps: 10 })).verdict,
    ).toBe('different');
  });

  it('local midnight: the day comes from the local offset, so UTC+2 and UTC at 22:30Z are two days', () => {
    const instant = '2025-03-01T22:30:00Z';
    const inBerlin = day(localDateOf(instant, 120), { steps: 500, utcOffsetMinutes: 120 });
    const inLondon = day(localDateOf(instant, 0), { steps: 500 });
    expect([inBerlin.date, inLondon.date]).toEqual(['2025-03-02', '2025-03-01']);
    expect(matchDailyActivity(inBerlin, inLondon).verdict).toBe('different');
    // The same local day seen by providers with different offsets (travel) is one slot.
    expect(
      matchDailyActivity(inBerlin, day('2025-03-02', { steps: 500, utcOffsetMinutes: -300 })).verdict,
    ).toBe('same');
  });

  it('heart-rate days: same day and samples → `same`, other samples → `conflict`', () => {
    const hr = (date: string, bpm: number[]): HeartRateSamples => ({
      type: 'heart_rate',
      provenance: { provider: 'oura', externalId: date },
      date,
      utcOffsetMinutes: 0,
      samples: bpm.map((b, i) => ({ time: new Date(T0 + i * MIN).toISOString(), bpm: b })),
    });
    expect(matchHeartRateDays(hr('2025-03-01', [60, 61]), hr('2025-03-01', [60, 61])).verdict).toBe('same');
    expect(matchHeartRateDays(hr('2025-03-01', [60, 61]), hr('2025-03-01', [60, 61, 62])).verdict).toBe(
      'conflict',
    );
    expect(matchHeartRateDays(hr('2025-03-01', [60]), hr('2025-03-02', [60])).verdict).toBe('different');
  });
});

describe('matchSleep', () => {
  const night = sleep(T0 - 10 * HOUR, T0 - 2 * HOUR); // 8 h
  it('boundaries within 15 min → `same`', () => {
    expect(matchSleep(night, sleep(T0 - 10 * HOUR + 12 * MIN, T0 - 2 * HOUR - 15 * MIN)).verdict).toBe(
      'same',
    );
  });
  it('overlap ≥ 50 % of the shorter session with other boundaries → `conflict`', () => {
    expect(matchSleep(night, sleep(T0 - 8 * HOUR, T0 - HOUR)).verdict).toBe('conflict');
    // A 2 h session half inside the night: exactly 50 % of the shorter.
    expect(matchSleep(night, sleep(T0 - 3 * HOUR, T0 - HOUR)).verdict).toBe('conflict');
  });
  it('less than 50 % overlap → `different` (an afternoon nap, the next night)', () => {
    expect(matchSleep(night, sleep(T0 - 2.5 * HOUR, T0 - 0.5 * HOUR)).verdict).toBe('different');
    expect(matchSleep(night, sleep(T0 + 14 * HOUR, T0 + 22 * HOUR)).verdict).toBe('different');
  });
});

describe('matchBodyMeasurements', () => {
  it('within ±5 min (inclusive) is the same weigh-in', () => {
    expect(matchBodyMeasurements(weighIn(T0, 72.4), weighIn(T0 + 5 * MIN, 72.4)).verdict).toBe('same');
    expect(matchBodyMeasurements(weighIn(T0, 72.4), weighIn(T0 - 5 * MIN - 1, 72.4)).verdict).toBe(
      'different',
    );
  });
  it('a different weight or body fat in the slot → `conflict`; a missing value is none', () => {
    expect(matchBodyMeasurements(weighIn(T0, 72.4), weighIn(T0, 73.4)).verdict).toBe('conflict');
    expect(matchBodyMeasurements(weighIn(T0, 72.4, 18), weighIn(T0, 72.4, 21)).verdict).toBe('conflict');
    expect(matchBodyMeasurements(weighIn(T0, 72.4, 18), weighIn(T0, undefined, 18.2)).verdict).toBe('same');
  });
});

describe('matchRecords', () => {
  it('records of different types are `different`', () => {
    expect(matchRecords(workout(), weighIn(T0, 70)).reasons).toEqual(['type_differs']);
    expect(matchRecords(day('2025-03-01'), sleep(T0 - HOUR, T0)).verdict).toBe('different');
  });
});
