import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SPORT_TYPES, workout as workoutSchema } from '@syncwell/core';
import type { SportType, Workout } from '@syncwell/core';
import { sampleRun as sampleWorkout } from '../sample-workout-test-support.js';
import { decodeWorkoutTcx } from './workout-tcx-decoder.js';
import { encodeWorkoutTcx } from './workout-tcx-encoder.js';
import { TcxDecodeError } from './tcx-decode-error.js';

const SOURCE = { provider: 'garmin', externalId: 'act-1' } as const;
const FIXTURE = readFileSync(new URL('./fixtures/garmin-connect-run.tcx', import.meta.url));

/** A 10-minute run, one point every 5 s, around Zürich, two laps, UTC+02:00. */
const sampleRun = (overrides: Partial<Workout> = {}): Workout => sampleWorkout(SOURCE, overrides);

describe('TCX workout codec', () => {
  it('round-trips times, offset, sport, laps, distance, energy, heart rate and the track', () => {
    const original = sampleRun();
    const decoded = decodeWorkoutTcx(encodeWorkoutTcx(original).data, SOURCE).workouts[0]!;

    expect(decoded.provenance).toEqual(SOURCE);
    expect(decoded.startTime).toBe(original.startTime);
    expect(decoded.endTime).toBe(original.endTime);
    expect(decoded.utcOffsetMinutes).toBe(120);
    expect(decoded.sport).toBe('running');
    expect(decoded.distance?.value).toBeCloseTo(1987.65, 6);
    expect(decoded.energy?.value).toBe(121);
    expect(decoded.laps).toEqual(original.laps);
    // Lap averages 121 and 141 over equal laps; the workout maximum is kept exactly.
    expect(decoded.heartRate).toEqual({
      average: { value: 131, unit: '/min' },
      maximum: { value: 150, unit: '/min' },
    });
    // TCX has no activity moving time; with laps it is the sum of the lap times.
    expect(decoded.movingTime?.value).toBe(600);
    expect(decoded.track).toEqual(original.track);
  });

  it('keeps moving time and totals of a lap-less workout in its one lap, and reads it back as no laps', () => {
    const original = sampleRun({ laps: [] });
    const xml = encodeWorkoutTcx(original).data;
    expect(xml.match(/<Lap /g)).toHaveLength(1);
    const decoded = decodeWorkoutTcx(xml, SOURCE).workouts[0]!;
    expect(decoded.laps).toEqual([]);
    expect(decoded.movingTime?.value).toBe(590);
    expect(decoded.endTime).toBe(original.endTime);
    expect(decoded.distance).toEqual(original.distance);
    expect(decoded.heartRate).toEqual(original.heartRate);
  });

  it('keeps the end time of an indoor workout with a time-only end trackpoint', () => {
    const { track: _track, ...indoor } = sampleRun({
      laps: [],
      sport: 'indoor_cycling',
      utcOffsetMinutes: -420,
    });
    const xml = encodeWorkoutTcx(indoor).data;
    expect(xml).toContain('Sport="Biking"');
    const decoded = decodeWorkoutTcx(new TextEncoder().encode(xml), SOURCE).workouts[0]!;
    expect(decoded.track).toBeUndefined();
    expect([decoded.startTime, decoded.endTime]).toEqual([indoor.startTime, indoor.endTime]);
    expect(decoded.utcOffsetMinutes).toBe(-420);
    expect(decoded.sport).toBe('indoor_cycling');
  });

  it('writes laps missing distance and energy as shares of the totals, so the sums survive', () => {
    const original = sampleRun({
      laps: sampleRun().laps.map((l) => ({ startTime: l.startTime, endTime: l.endTime })),
    });
    const decoded = decodeWorkoutTcx(encodeWorkoutTcx(original).data, SOURCE).workouts[0]!;
    expect(decoded.distance?.value).toBeCloseTo(1987.65, 6);
    expect(decoded.energy?.value).toBe(121);
    expect(decoded.laps.map((l) => l.energy?.value)).toEqual([61, 60]);
    expect(decoded.heartRate).toEqual(original.heartRate);
  });

  it('writes elements in schema order with lap average speed in ActivityExtension v2', () => {
    const xml = encodeWorkoutTcx(sampleRun()).data;
    const order = [
      '<TotalTimeSeconds>',
      '<DistanceMeters>',
      '<Calories>',
      '<AverageHeartRateBpm>',
      '<MaximumHeartRateBpm>',
      '<Intensity>',
      '<TriggerMethod>',
      '<Track>',
      '<ns3:LX>',
    ];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > (positions[i - 1] ?? 0)))).toBe(true);
    expect(xml).toContain('<ns3:AvgSpeed>3.3333333333333335</ns3:AvgSpeed>');
    expect(xml).toContain('xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"');
  });
});

describe('TCX decoding of a Garmin Connect export', () => {
  it('reads the realistic fixture into the expected workout', () => {
    const run = decodeWorkoutTcx(FIXTURE, SOURCE).workouts[0]!;
    expect(run).toMatchObject({
      sport: 'running',
      startTime: '2024-03-10T07:02:11.000Z',
      // After an auto-pause the last trackpoint is later than lap start + timer time.
      endTime: '2024-03-10T07:11:52.000Z',
      utcOffsetMinutes: 0,
      movingTime: { value: 551.5, unit: 's' },
      energy: { value: 130, unit: 'kcal' },
      // (138 × 301 + 149 × 250.5) / 551.5 = 142.997
      heartRate: { average: { value: 143, unit: '/min' }, maximum: { value: 161, unit: '/min' } },
    });
    expect(run.distance?.value).toBeCloseTo(1812.3, 4);
    expect(run.laps).toEqual([
      {
        startTime: '2024-03-10T07:02:11.000Z',
        endTime: '2024-03-10T07:07:12.000Z',
        distance: { value: 1000, unit: 'm' },
        energy: { value: 72, unit: 'kcal' },
        averageHeartRate: { value: 138, unit: '/min' },
      },
      {
        startTime: '2024-03-10T07:07:12.000Z',
        endTime: '2024-03-10T07:11:22.500Z',
        distance: { value: 812.2999877929688, unit: 'm' },
        energy: { value: 58, unit: 'kcal' },
        averageHeartRate: { value: 149, unit: '/min' },
      },
    ]);
    // 10 trackpoints, one without a fix (tunnel): 9 track points; HR 0 (strap lost) dropped.
    expect(run.track).toHaveLength(9);
    expect(run.track?.[0]).toEqual({
      time: '2024-03-10T07:02:11.000Z',
      lat: 51.52802598848939,
      lon: -0.15421883761882782,
      altitudeM: 38.79999923706055,
      heartRateBpm: 97,
    });
    expect(run.track?.[7]?.heartRateBpm).toBeUndefined();
  });

  it('reads an offset written into the Id and times in any zone as UTC instants', () => {
    const local = FIXTURE.toString('utf8')
      .replace('<Id>2024-03-10T07:02:11.000Z</Id>', '<Id>2024-03-10T08:02:11+01:00</Id>')
      .replace('StartTime="2024-03-10T07:02:11.000Z"', 'StartTime="2024-03-10T08:02:11.000+01:00"');
    const run = decodeWorkoutTcx(local, SOURCE).workouts[0]!;
    expect(run.utcOffsetMinutes).toBe(60);
    expect(run.startTime).toBe('2024-03-10T07:02:11.000Z');
    expect(run.laps[0]?.startTime).toBe('2024-03-10T07:02:11.000Z');
  });
});

describe('TCX bad input', () => {
  const xml = encodeWorkoutTcx(sampleRun()).data;
  const expectCorrupt = (input: string | Uint8Array, reason?: string): void => {
    try {
      decodeWorkoutTcx(input, SOURCE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TcxDecodeError);
      expect((error as TcxDecodeError).code).toBe('SW_ITEM_CORRUPT_FILE');
      if (reason !== undefined) expect((error as TcxDecodeError).message).toContain(reason);
    }
  };

  it('rejects empty input, a wrong root element, a course file and missing times', () => {
    expectCorrupt('', 'not well-formed');
    expectCorrupt(new Uint8Array(0), 'not well-formed');
    expectCorrupt('<gpx xmlns="http://www.topografix.com/GPX/1/1"/>', 'root');
    expectCorrupt(xml.replace(/TrainingCenterDatabase\/v2/, 'TrainingCenterDatabase/v1'), 'root');
    expectCorrupt(
      `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Courses/></TrainingCenterDatabase>`,
      'no activity',
    );
    expectCorrupt(xml.replace(/<Id>[^<]*<\/Id>/, ''), 'Id is missing');
    expectCorrupt(xml.replace(/<Time>[^<]*<\/Time>/, '<Time>yesterday</Time>'), 'Trackpoint Time');
    expectCorrupt(xml.replace(/<Time>[^<]*<\/Time>/, ''), 'Trackpoint Time is missing');
    expectCorrupt(xml.replace(/ StartTime="[^"]*"/, ''), 'StartTime');
    expectCorrupt(xml.replace(/<LatitudeDegrees>[^<]*</, '<LatitudeDegrees>north<'), 'LatitudeDegrees');
    expectCorrupt(xml.replace(/<LatitudeDegrees>[^<]*</, '<LatitudeDegrees>91<'), 'valid workout');
    expectCorrupt(xml.replace(/<Lap [\s\S]*<\/Lap>/, ''), 'no laps');
  });

  it('rejects the file cut at any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: xml.length - 2 }), (cut) => {
        expectCorrupt(new TextEncoder().encode(xml.slice(0, cut)));
      }),
      { numRuns: 150 },
    );
  });

  it('rejects random bytes and random text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expectCorrupt(bytes);
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expectCorrupt(text);
      }),
      { numRuns: 150 },
    );
  });
});

const workoutArb = fc
  .record({
    startMs: fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2035-01-01') }),
    points: fc.integer({ min: 0, max: 40 }),
    stepMs: fc.integer({ min: 1, max: 30_000 }),
    tailMs: fc.integer({ min: 0, max: 60_000 }),
    lat: fc.double({ min: -80, max: 80, noNaN: true }),
    lon: fc.double({ min: -179, max: 179, noNaN: true }),
    offset: fc.integer({ min: -14 * 4, max: 14 * 4 }).map((q) => q * 15),
    sport: fc.constantFrom<SportType>(...SPORT_TYPES),
    distance: fc.double({ min: 1, max: 200_000, noNaN: true }),
    energy: fc.integer({ min: 1, max: 5000 }),
    hr: fc.tuple(fc.integer({ min: 60, max: 190 }), fc.integer({ min: 0, max: 30 })),
    lapCount: fc.constantFrom(0, 2, 3),
  })
  .map((g): Workout => {
    const durationMs = Math.max(g.points, 1) * g.stepMs + g.tailMs;
    const at = (ms: number): string => new Date(g.startMs + ms).toISOString();
    const lapMs = Math.floor(durationMs / Math.max(g.lapCount, 1));
    return workoutSchema.parse({
      type: 'workout',
      provenance: SOURCE,
      sport: g.sport,
      startTime: at(0),
      endTime: at(durationMs),
      utcOffsetMinutes: g.offset,
      distance: { value: g.distance, unit: 'm' },
      energy: { value: g.energy, unit: 'kcal' },
      heartRate: {
        average: { value: g.hr[0], unit: '/min' },
        maximum: { value: g.hr[0] + g.hr[1], unit: '/min' },
      },
      laps: Array.from({ length: g.lapCount }, (_, i) => ({
        startTime: at(i * lapMs),
        endTime: at(i === g.lapCount - 1 ? durationMs : (i + 1) * lapMs),
      })),
      ...(g.points > 0
        ? {
            track: Array.from({ length: g.points }, (_, i) => ({
              time: at(i * g.stepMs),
              lat: g.lat + i * 1e-4,
              lon: g.lon - i * 1e-4,
              altitudeM: i * 0.1,
              heartRateBpm: g.hr[0],
            })),
          }
        : {}),
    });
  });

describe('TCX workout codec property', () => {
  it('decode(encode(w)) preserves what TCX can hold', () => {
    fc.assert(
      fc.property(workoutArb, (w) => {
        const d = decodeWorkoutTcx(encodeWorkoutTcx(w).data, SOURCE).workouts[0]!;
        expect(d.startTime).toBe(w.startTime);
        expect(d.endTime).toBe(w.endTime);
        expect(d.utcOffsetMinutes).toBe(w.utcOffsetMinutes);
        // The SyncWell extension carries the canonical sport TCX's three names cannot.
        expect(d.sport).toBe(w.sport);
        expect(Math.abs((d.distance?.value ?? NaN) - (w.distance?.value ?? NaN))).toBeLessThan(1e-6);
        expect(d.energy).toEqual(w.energy);
        expect(d.heartRate).toEqual(w.heartRate);
        expect(d.laps.map((l) => [l.startTime, l.endTime])).toEqual(
          w.laps.map((l) => [l.startTime, l.endTime]),
        );
        expect(d.track?.length).toBe(w.track?.length);
        d.track?.forEach((p, i) => {
          const want = w.track?.[i];
          expect([p.time, p.altitudeM, p.heartRateBpm]).toEqual([
            want?.time,
            want?.altitudeM,
            want?.heartRateBpm,
          ]);
          // Exact except below 1e-12° (~0.1 µm), where the decimal text drops subnormal digits.
          expect(Math.abs(p.lat - (want?.lat ?? NaN))).toBeLessThan(1e-12);
          expect(Math.abs(p.lon - (want?.lon ?? NaN))).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 60 },
    );
  });
});
