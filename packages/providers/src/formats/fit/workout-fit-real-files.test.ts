import { describe, expect, it } from 'vitest';
import { splitMultisportWorkout } from '@syncwell/core';
import type { Workout } from '@syncwell/core';
import { sampleRun, sampleSegmentedRun, sampleTriathlon } from '../sample-workout-test-support.js';
import { FIT_FIXTURES, readFitFixture, type FitFixtureName } from './fixtures/fit-fixtures.js';
import { FitDecodeError } from './fit-decode-error.js';
import { decodeWorkoutFit } from './workout-fit-decoder.js';
import { encodeWorkoutFit } from './workout-fit-encoder.js';

const SOURCE = { provider: 'garmin', externalId: 'act-7' } as const;
const decode = (name: FitFixtureName) => decodeWorkoutFit(readFitFixture(name), SOURCE);
const withoutProvenance = ({ provenance: _p, ...rest }: Workout) => rest;

describe('FIT files as devices write them', () => {
  it('keeps the fixtures identical to what their builders write', () => {
    for (const [name, build] of Object.entries(FIT_FIXTURES)) {
      expect(readFitFixture(name as FitFixtureName), name).toEqual(build());
    }
  });

  it('reads a session written before the records with its end from total_elapsed_time', () => {
    const { workout, warnings } = decode('session-first-run.fit');
    expect(workout).toMatchObject({
      sport: 'running',
      startTime: '2025-03-09T07:15:00.000Z',
      endTime: '2025-03-09T07:45:00.000Z',
      utcOffsetMinutes: 60,
      movingTime: { value: 1790, unit: 's' },
      distance: { value: 5012.5, unit: 'm' },
      laps: [],
    });
    expect(workout.track).toHaveLength(7);
    expect(warnings).toEqual([]);
  });

  it('reads a session written before the records without total_elapsed_time with its end from the last record', () => {
    const { workout } = decode('session-first-run-no-elapsed.fit');
    expect([workout.startTime, workout.endTime]).toEqual([
      '2025-03-09T07:15:00.000Z',
      '2025-03-09T07:44:55.000Z',
    ]);
    expect(workout.laps).toEqual([]);
    expect(workout.track).toHaveLength(7);
  });

  it('reads a Garmin triathlon as one multisport workout: five legs with their sports, times and totals', () => {
    const { workout, warnings } = decode('sprint-triathlon.fit');
    expect(warnings).toEqual([]);
    expect(workout).toMatchObject({
      sport: 'multisport',
      startTime: '2025-06-14T05:30:00.000Z',
      endTime: '2025-06-14T07:00:00.000Z',
      utcOffsetMinutes: 120,
      movingTime: { value: 5400, unit: 's' },
      // 750 + 150 + 20,000 + 80 + 5,000: transitions count, as on the device.
      distance: { value: 25_980, unit: 'm' },
      energy: { value: 1146, unit: 'kcal' },
      // (138×1200 + 150×180 + 151×2400 + 158×120 + 164×1500) / 5400 = 151.8
      heartRate: { average: { value: 152, unit: '/min' }, maximum: { value: 183, unit: '/min' } },
    });
    expect(
      workout.legs?.map((leg) => [
        leg.kind === 'sport' ? leg.sport : 'transition',
        leg.startTime,
        leg.endTime,
        leg.distance?.value,
      ]),
    ).toEqual([
      ['open_water_swimming', '2025-06-14T05:30:00.000Z', '2025-06-14T05:50:00.000Z', 750],
      ['transition', '2025-06-14T05:50:00.000Z', '2025-06-14T05:53:00.000Z', 150],
      ['cycling', '2025-06-14T05:53:00.000Z', '2025-06-14T06:33:00.000Z', 20_000],
      ['transition', '2025-06-14T06:33:00.000Z', '2025-06-14T06:35:00.000Z', 80],
      ['running', '2025-06-14T06:35:00.000Z', '2025-06-14T07:00:00.000Z', 5000],
    ]);
    // The bike's two laps; every other leg's lone lap is the leg itself.
    expect(workout.laps.map((l) => [l.startTime, l.endTime])).toEqual([
      ['2025-06-14T05:53:00.000Z', '2025-06-14T06:13:00.000Z'],
      ['2025-06-14T06:13:00.000Z', '2025-06-14T06:33:00.000Z'],
    ]);
    expect(workout.track).toHaveLength(13);
    // Per leg, for a destination that cannot take the activity whole: 3 + 2 + 4 + 1 + 3 points.
    expect(splitMultisportWorkout(workout).map((w) => w.track?.length)).toEqual([3, 2, 4, 1, 3]);
  });

  it('refuses compressed-timestamp headers with SW_ITEM_UNSUPPORTED_FILE, not as a corrupt file', () => {
    expect(() => decode('compressed-timestamps.fit')).toThrow(
      expect.objectContaining({
        code: 'SW_ITEM_UNSUPPORTED_FILE',
        message: expect.stringContaining('compressed-timestamp'),
      }),
    );
  });

  it('turns a file that makes the SDK throw into SW_ITEM_UNSUPPORTED_FILE, never an unhandled error', () => {
    let caught: unknown;
    try {
      decode('sdk-crash.fit');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FitDecodeError);
    expect((caught as FitDecodeError).code).toBe('SW_ITEM_UNSUPPORTED_FILE');
  });
});

describe('FIT round trips of the new shapes', () => {
  it('writes a multisport workout as sessions and transitions and reads it back exactly', () => {
    const tri = sampleTriathlon(SOURCE);
    const { data, changes } = encodeWorkoutFit(tri);
    expect(changes).toEqual([]);
    expect(withoutProvenance(decodeWorkoutFit(data, SOURCE).workout)).toEqual(withoutProvenance(tri));
  });

  it('writes track segments as timer stop/start pairs, reads them back, and counts no distance across a gap', async () => {
    const run = sampleSegmentedRun(SOURCE);
    const { data, changes } = encodeWorkoutFit(run);
    expect(changes.filter((c) => !c.field.startsWith('track[].l'))).toEqual([]);
    const back = decodeWorkoutFit(data, SOURCE).workout;
    expect(back.track?.flatMap((p, i) => (p.newSegment ? [i] : []))).toEqual([24, 72]);
    const { Decoder, Stream } = await import('@garmin/fitsdk');
    const records = new Decoder(Stream.fromByteArray(data)).read().messages.recordMesgs ?? [];
    // The cumulative distance does not move across either gap.
    expect(records[24]?.distance).toBe(records[23]?.distance);
    expect(records[72]?.distance).toBe(records[71]?.distance);
  });

  it('reports what it clamps instead of wrapping it (calories past uint16, 258 bpm past uint8)', () => {
    const run = sampleRun(SOURCE, {
      energy: { value: 70_000, unit: 'kcal' },
      heartRate: { average: { value: 131, unit: '/min' }, maximum: { value: 258, unit: '/min' } },
    });
    const { data, changes } = encodeWorkoutFit(run);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'energy', kind: 'changed', count: 1, given: 70_000, written: 65_534 },
        { field: 'heartRate.maximum', kind: 'changed', count: 1, given: 258, written: 254 },
      ]),
    );
    expect(decodeWorkoutFit(data, SOURCE).workout.energy?.value).toBe(65_534);
  });
});
