import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stepsToDailyActivity } from './daily-mapping.js';
import { durationSeconds, offsetMinutes } from './google-time.js';
import { bodyMeasurements, exerciseToWorkout, sleepToSession } from './mapping.js';
import { bodyFatPoint, exercisePoint, sleepPoint, stepsPoint, weightPoint } from './schemas.js';
import { sportFromGoogle } from './sport-table.js';

const raw = JSON.parse(readFileSync(new URL('./fixtures/data-points.json', import.meta.url), 'utf8')) as {
  exercise: unknown[];
  sleep: unknown;
  steps: unknown[];
  weight: unknown[];
  bodyFat: unknown[];
};

describe('exerciseToWorkout', () => {
  it('reads millimetres, string int64s, Duration strings and the negative offset', () => {
    const result = exerciseToWorkout(exercisePoint.parse(raw.exercise[0]));
    if (!result.ok) throw new Error(result.message);
    expect(result.record).toMatchObject({
      provenance: {
        provider: 'google_health',
        externalId: '7351829004410001',
        device: { model: 'Pixel Watch 3' },
      },
      sport: 'running',
      name: 'Evening run',
      startTime: '2026-11-20T17:05:12.000Z',
      endTime: '2026-11-20T17:52:40.000Z',
      utcOffsetMinutes: -300,
      movingTime: { value: 2731, unit: 's' },
      distance: { value: 8043.21, unit: 'm' },
      energy: { value: 512.4, unit: 'kcal' },
    });
    // Only an average is summarised; the canonical HR summary needs both, so none is invented.
    expect(result.record.heartRate).toBeUndefined();
  });

  it('handles missing optional fields (zero offset omitted) and an unknown sport', () => {
    const result = exerciseToWorkout(exercisePoint.parse(raw.exercise[1]));
    if (!result.ok) throw new Error(result.message);
    expect(result.record).toMatchObject({ sport: 'other', utcOffsetMinutes: 0 });
    expect(result.record.distance).toBeUndefined();
  });

  it('reports an unreadable time instead of throwing', () => {
    expect(exerciseToWorkout(exercisePoint.parse(raw.exercise[2]))).toEqual({
      ok: false,
      message: 'interval is not RFC 3339',
    });
  });
});

describe('sleepToSession', () => {
  it('keeps stages and maps unknown stage types to asleep_unspecified', () => {
    const result = sleepToSession(sleepPoint.parse(raw.sleep));
    if (!result.ok) throw new Error(result.message);
    expect(result.record.utcOffsetMinutes).toBe(60);
    expect(result.record.stages.map((s) => s.stage)).toEqual(['awake', 'deep', 'rem', 'asleep_unspecified']);
  });
});

describe('daily and body samples', () => {
  it('sums string and number step counts into the local day of the interval', () => {
    const days = stepsToDailyActivity(raw.steps.map((p) => stepsPoint.parse(p)));
    const [day] = days;
    if (day?.ok !== true) throw new Error('no day');
    // 04:30Z at UTC−5 is still 2026-11-20 locally.
    expect(days).toHaveLength(2);
    expect(day.record).toMatchObject({ date: '2026-11-20', steps: { value: 812 } });
  });

  it('turns grams into kg and joins a body-fat reading taken at the same instant', () => {
    const mapped = bodyMeasurements(
      raw.weight.map((p) => weightPoint.parse(p)),
      raw.bodyFat.map((p) => bodyFatPoint.parse(p)),
    );
    expect(mapped).toHaveLength(2);
    expect(mapped[0]).toMatchObject({
      ok: true,
      record: { weight: { value: 72.45, unit: 'kg' }, bodyFat: { value: 18.4 }, utcOffsetMinutes: 60 },
    });
    expect(mapped[1]).toMatchObject({ ok: true, record: { bodyFat: { value: 18.1 }, utcOffsetMinutes: 0 } });
  });
});

describe('google wire helpers', () => {
  it('parses Durations and offsets', () => {
    expect(durationSeconds('1830.5s')).toBe(1830.5);
    expect(durationSeconds('30m')).toBeUndefined();
    expect(offsetMinutes('-16200s')).toBe(-270);
    expect(offsetMinutes(undefined)).toBe(0);
    expect(offsetMinutes('soon')).toBeUndefined();
  });

  it('maps exercise types case-insensitively with other as the fallback', () => {
    expect(sportFromGoogle('stationary_bike')).toBe('indoor_cycling');
    expect(sportFromGoogle('SWIMMING_OPEN_WATER')).toBe('open_water_swimming');
    expect(sportFromGoogle(undefined)).toBe('other');
  });
});
