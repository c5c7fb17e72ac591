import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Encoder } from '@garmin/fitsdk';
import { SPORT_TYPES, workout as workoutSchema } from '@syncwell/core';
import type { SportType, Workout } from '@syncwell/core';
import { sampleRun as sampleWorkout } from '../sample-workout-test-support.js';
import { decodeWorkoutFit } from './workout-fit-decoder.js';
import { encodeWorkoutFit } from './workout-fit-encoder.js';
import { FitDecodeError } from './fit-decode-error.js';

const SOURCE = { provider: 'polar', externalId: 'ex-1' } as const;

/** A 10-minute run, one point every 5 s, around Zürich, two laps, UTC+02:00. */
const sampleRun = (overrides: Partial<Workout> = {}): Workout => sampleWorkout(SOURCE, overrides);

describe('FIT workout codec', () => {
  it('round-trips times, offset, sport, totals, heart rate, laps and the track', () => {
    const original = sampleRun();
    const decoded = decodeWorkoutFit(encodeWorkoutFit(original).data, SOURCE).workout;

    expect(decoded.provenance).toEqual(SOURCE);
    expect(decoded.startTime).toBe(original.startTime);
    expect(decoded.endTime).toBe(original.endTime);
    expect(decoded.utcOffsetMinutes).toBe(120);
    expect(decoded.sport).toBe('running');
    expect(decoded.movingTime?.value).toBeCloseTo(590, 3);
    expect(decoded.distance?.value).toBeCloseTo(1987.65, 2);
    expect(decoded.energy?.value).toBe(121);
    expect(decoded.heartRate).toEqual(original.heartRate);
    expect(decoded.laps).toHaveLength(2);
    expect(decoded.laps[1]).toEqual(original.laps[1]);
    expect(decoded.track).toHaveLength(121);
    decoded.track?.forEach((point, i) => {
      const want = original.track?.[i];
      expect(point.time).toBe(want?.time);
      expect(Math.abs(point.lat - (want?.lat ?? NaN))).toBeLessThan(1e-6);
      expect(Math.abs(point.lon - (want?.lon ?? NaN))).toBeLessThan(1e-6);
      expect(point.altitudeM).toBeCloseTo(want?.altitudeM ?? NaN, 1);
      expect(point.heartRateBpm).toBe(want?.heartRateBpm);
    });
  });

  it('writes cumulative record distances that grow along the track', async () => {
    const { Decoder, Stream } = await import('@garmin/fitsdk');
    const { messages } = new Decoder(Stream.fromByteArray(encodeWorkoutFit(sampleRun()).data)).read();
    const distances = (messages.recordMesgs ?? []).map((r) => Number(r.distance));
    expect(distances[0]).toBe(0);
    expect(distances.every((d, i) => i === 0 || d > (distances[i - 1] ?? 0))).toBe(true);
    expect(distances.at(-1)).toBeGreaterThan(1000);
  });

  it('keeps negative offsets and maps sub-sports (trail run at UTC−07:00)', () => {
    const decoded = decodeWorkoutFit(
      encodeWorkoutFit(sampleRun({ sport: 'trail_running', utcOffsetMinutes: -420 })).data,
      SOURCE,
    ).workout;
    expect(decoded.sport).toBe('trail_running');
    expect(decoded.utcOffsetMinutes).toBe(-420);
  });

  it('writes a session-spanning lap for a lap-less workout and reads it back as no laps', () => {
    const { track: _track, ...indoor } = sampleRun({ laps: [], sport: 'indoor_cycling' });
    const decoded = decodeWorkoutFit(encodeWorkoutFit(indoor).data, SOURCE).workout;
    expect(decoded.laps).toEqual([]);
    expect(decoded.track).toBeUndefined();
    expect(decoded.sport).toBe('indoor_cycling');
  });

  it('rejects truncated files, random bytes and empty input with FitDecodeError', () => {
    const bytes = encodeWorkoutFit(sampleRun()).data;
    for (const bad of [bytes.slice(0, bytes.length - 40), bytes.slice(0, 10), new Uint8Array(0)]) {
      expect(() => decodeWorkoutFit(bad, SOURCE)).toThrow(FitDecodeError);
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), (random) => {
        expect(() => decodeWorkoutFit(random, SOURCE)).toThrow(FitDecodeError);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a flipped byte in the middle (CRC) with code SW_ITEM_CORRUPT_FILE', () => {
    const bytes = encodeWorkoutFit(sampleRun()).data;
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    try {
      decodeWorkoutFit(bytes, SOURCE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FitDecodeError);
      expect((error as FitDecodeError).code).toBe('SW_ITEM_CORRUPT_FILE');
    }
  });

  it('rejects a valid FIT file that is not an activity', () => {
    const encoder = new Encoder();
    encoder.writeMesg({ mesgNum: 0, type: 'course', manufacturer: 'development', product: 0 } as never);
    expect(() => decodeWorkoutFit(encoder.close(), SOURCE).workout).toThrow(/not an activity/);
  });
});

const sportArb = fc.constantFrom<SportType>(...SPORT_TYPES);
const workoutArb = fc
  .record({
    startSec: fc.integer({ min: Date.parse('2000-01-01') / 1000, max: Date.parse('2035-01-01') / 1000 }),
    points: fc.integer({ min: 0, max: 60 }),
    stepSec: fc.integer({ min: 1, max: 30 }),
    lat: fc.double({ min: -80, max: 80, noNaN: true }),
    lon: fc.double({ min: -179, max: 179, noNaN: true }),
    offset: fc.integer({ min: -14 * 4, max: 14 * 4 }).map((q) => q * 15),
    sport: sportArb,
    distance: fc.double({ min: 0, max: 200_000, noNaN: true }),
    energy: fc.integer({ min: 0, max: 5000 }),
    hr: fc.tuple(fc.integer({ min: 60, max: 190 }), fc.integer({ min: 0, max: 30 })),
    lapCount: fc.constantFrom(0, 2, 3),
  })
  .map((g): Workout => {
    const durationSec = Math.max(g.points, 1) * g.stepSec;
    const at = (sec: number): string => new Date((g.startSec + sec) * 1000).toISOString();
    const lapSec = Math.floor(durationSec / Math.max(g.lapCount, 1));
    return workoutSchema.parse({
      type: 'workout',
      provenance: SOURCE,
      sport: g.sport,
      startTime: at(0),
      endTime: at(durationSec),
      utcOffsetMinutes: g.offset,
      distance: { value: g.distance, unit: 'm' },
      energy: { value: g.energy, unit: 'kcal' },
      heartRate: {
        average: { value: g.hr[0], unit: '/min' },
        maximum: { value: g.hr[0] + g.hr[1], unit: '/min' },
      },
      laps: Array.from({ length: g.lapCount }, (_, i) => ({
        startTime: at(i * lapSec),
        endTime: at(i === g.lapCount - 1 ? durationSec : (i + 1) * lapSec),
      })),
      ...(g.points > 0
        ? {
            track: Array.from({ length: g.points }, (_, i) => ({
              time: at(i * g.stepSec),
              lat: g.lat + i * 1e-4,
              lon: g.lon - i * 1e-4,
            })),
          }
        : {}),
    });
  });

describe('FIT workout codec property', () => {
  it('decode(encode(w)) preserves what FIT can hold', () => {
    fc.assert(
      fc.property(workoutArb, (w) => {
        const d = decodeWorkoutFit(encodeWorkoutFit(w).data, SOURCE).workout;
        expect(d.startTime).toBe(w.startTime);
        expect(d.endTime).toBe(w.endTime);
        expect(d.utcOffsetMinutes).toBe(w.utcOffsetMinutes);
        expect(d.sport).toBe(w.sport);
        expect(Math.abs((d.distance?.value ?? NaN) - (w.distance?.value ?? NaN))).toBeLessThan(0.006);
        expect(d.energy).toEqual(w.energy);
        expect(d.heartRate).toEqual(w.heartRate);
        expect(d.laps.map((l) => [l.startTime, l.endTime])).toEqual(
          w.laps.map((l) => [l.startTime, l.endTime]),
        );
        expect(d.track?.length ?? 0).toBe(w.track?.length ?? 0);
        d.track?.forEach((p, i) => {
          expect(Math.abs(p.lat - (w.track?.[i]?.lat ?? NaN))).toBeLessThan(1e-6);
          expect(Math.abs(p.lon - (w.track?.[i]?.lon ?? NaN))).toBeLessThan(1e-6);
        });
      }),
      { numRuns: 60 },
    );
  });
});
