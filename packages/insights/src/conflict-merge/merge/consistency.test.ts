import type { BodyMeasurement, Workout } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import type { FieldChoice } from '../merge-suggestion.js';
import { keepConsistent } from './consistency.js';

function choice(field: string, from: FieldChoice['from'], confidence: number): FieldChoice {
  return { field, from, confidence, agreed: false };
}

describe('keepConsistent', () => {
  const run = (start: string, end: string): Workout => ({
    type: 'workout',
    provenance: { provider: 'garmin', externalId: start },
    sport: 'running',
    startTime: start,
    endTime: end,
    utcOffsetMinutes: 0,
    laps: [],
  });

  it('takes start and end from one side when mixing them would end before the start', () => {
    // Local time read as UTC on the destination: its span lies 9 h after the source's.
    const source = run('2026-03-01T07:00:00Z', '2026-03-01T08:00:00Z');
    const destination = run('2026-03-01T16:00:00Z', '2026-03-01T17:00:00Z');
    const choices = [choice('startTime', 'destination', 0.7), choice('endTime', 'source', 0.9)];
    keepConsistent(choices, source, destination);
    expect(choices.map((c) => c.from)).toEqual(['source', 'source']);

    const fine = [choice('startTime', 'source', 0.7), choice('endTime', 'destination', 0.9)];
    keepConsistent(fine, source, destination);
    expect(fine.map((c) => c.from)).toEqual(['source', 'destination']);
  });

  it('keeps a weigh-in with a value when the choices would take the missing weight and the missing body fat', () => {
    const at = { type: 'body_measurement' as const, time: '2026-03-01T07:00:00Z', utcOffsetMinutes: 60 };
    const source: BodyMeasurement = {
      ...at,
      provenance: { provider: 'withings', externalId: 'a' },
      weight: { value: 71.2, unit: 'kg' },
    };
    const destination: BodyMeasurement = {
      ...at,
      provenance: { provider: 'garmin', externalId: 'b' },
      bodyFat: { value: 21, unit: '%' },
    };
    const choices = [choice('weight', 'destination', 0.6), choice('bodyFat', 'source', 0.6)];
    keepConsistent(choices, source, destination);
    expect(choices.map((c) => c.from)).toEqual(['source', 'source']);
  });
});
