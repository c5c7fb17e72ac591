import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SPORT_TYPES, SyncWellError, workout as workoutSchema } from '@syncwell/core';
import type { SportType, Workout } from '@syncwell/core';
import { decodeWorkoutGpx } from './workout-gpx-decoder.js';
import { encodeWorkoutGpx } from './workout-gpx-encoder.js';
import { GpxDecodeError } from './gpx-decode-error.js';
import { sampleTrack } from '../sample-workout-test-support.js';

const SOURCE = { provider: 'strava', externalId: '9876543210' } as const;
const FIXTURE = readFileSync(new URL('./fixtures/strava-morning-ride.gpx', import.meta.url));

/** A 10-minute run, one point every 5 s, around Zürich, UTC+02:00, ending 30 s after the last point. */
function sampleRun(overrides: Partial<Workout> = {}): Workout {
  const track = sampleTrack(115);
  return workoutSchema.parse({
    type: 'workout',
    provenance: SOURCE,
    sport: 'trail_running',
    name: 'Üetliberg <loop> & back',
    startTime: '2026-05-03T06:30:00.000Z',
    endTime: '2026-05-03T06:40:00.000Z',
    utcOffsetMinutes: 120,
    track,
    ...overrides,
  });
}

describe('GPX workout codec', () => {
  it('round-trips start/end, offset, sport, name, positions, elevation and heart rate', () => {
    const original = sampleRun();
    const decoded = decodeWorkoutGpx(encodeWorkoutGpx(original).data, SOURCE).workout;
    expect(decoded).toMatchObject({
      provenance: SOURCE,
      sport: 'trail_running',
      name: original.name,
      startTime: original.startTime,
      endTime: original.endTime,
      utcOffsetMinutes: 120,
      laps: [],
    });
    expect(decoded.track).toEqual(original.track);
    const hrs = original.track?.map((p) => p.heartRateBpm ?? 0) ?? [];
    expect(decoded.heartRate).toEqual({
      average: { value: Math.round(hrs.reduce((a, b) => a + b) / hrs.length), unit: '/min' },
      maximum: { value: Math.max(...hrs), unit: '/min' },
    });
    // Distance is re-measured along the track: 114 steps of ~14.89 m (13.73 m N, 5.76 m W).
    expect(decoded.distance?.value).toBeCloseTo(1697.27, 1);
  });

  it('reads a third-party GPX without the SyncWell extension: start/end from the points, offset 0', () => {
    const xml = encodeWorkoutGpx(sampleRun()).data.replace(
      /<extensions>\s*<sw:WorkoutExtension>[\s\S]*?<\/extensions>/,
      '',
    );
    const decoded = decodeWorkoutGpx(xml, SOURCE).workout;
    expect(decoded.utcOffsetMinutes).toBe(0);
    expect(decoded.endTime).toBe('2026-05-03T06:39:30.000Z');
  });

  it('refuses to write a workout without a track (SW_ITEM_UNSUPPORTED_TYPE)', () => {
    const { track: _track, ...indoor } = sampleRun();
    expect(() => encodeWorkoutGpx(indoor)).toThrow(SyncWellError);
    expect(() => encodeWorkoutGpx(indoor)).toThrow(
      expect.objectContaining({ code: 'SW_ITEM_UNSUPPORTED_TYPE' }),
    );
  });
});

describe('GPX decoding of a Strava export', () => {
  it('reads the realistic fixture into the expected workout', () => {
    const ride = decodeWorkoutGpx(FIXTURE, SOURCE).workout;
    expect(ride).toMatchObject({
      sport: 'cycling', // Strava's legacy numeric type "1"
      name: 'Morning Ride & coffee',
      startTime: '2023-06-18T05:41:09.000Z',
      endTime: '2023-06-18T05:41:41.000Z',
      utcOffsetMinutes: 0,
      laps: [],
      // Seven of eight points carry hr: mean 109, max 124.
      heartRate: { average: { value: 109, unit: '/min' }, maximum: { value: 124, unit: '/min' } },
    });
    expect(ride.distance?.value).toBeCloseTo(371.855, 2);
    expect(ride.track).toHaveLength(8);
    expect(ride.track?.[0]).toEqual({
      time: '2023-06-18T05:41:09.000Z',
      lat: 45.815017,
      lon: 15.981919,
      altitudeM: 122.4,
      heartRateBpm: 92,
    });
    expect(ride.track?.[3]?.heartRateBpm).toBeUndefined();
  });

  it('reads GPX 1.0 files and TrackPointExtension v2', () => {
    const text = FIXTURE.toString('utf8');
    expect(decodeWorkoutGpx(text.replace('GPX/1/1"', 'GPX/1/0"'), SOURCE).workout.track).toHaveLength(8);
    const v2 = text.replace('TrackPointExtension/v1"', 'TrackPointExtension/v2"');
    expect(decodeWorkoutGpx(v2, SOURCE).workout.heartRate?.maximum.value).toBe(124);
  });
});

describe('GPX bad input', () => {
  const xml = encodeWorkoutGpx(sampleRun()).data;
  const expectCorrupt = (input: string | Uint8Array, reason?: string): void => {
    try {
      decodeWorkoutGpx(input, SOURCE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GpxDecodeError);
      expect((error as GpxDecodeError).code).toBe('SW_ITEM_CORRUPT_FILE');
      if (reason !== undefined) expect((error as GpxDecodeError).message).toContain(reason);
    }
  };

  it('rejects empty input, a wrong root, route-only files, missing times and bad values', () => {
    expectCorrupt('', 'not well-formed');
    expectCorrupt(
      '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"/>',
      'root',
    );
    expectCorrupt('<gpx version="1.1"/>', 'root'); // no namespace
    expectCorrupt(
      '<gpx xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/></rte></gpx>',
      'no track',
    );
    expectCorrupt(xml.replace(/<trkpt [\s\S]*<\/trkpt>/, ''), 'no points');
    expectCorrupt(xml.replace(/<time>2026-05-03T06:30:05Z<\/time>/, '<time>soon</time>'), 'dateTime');
    expectCorrupt(xml.replace(/<trkpt lat="[^"]*"/g, '<trkpt'), 'without lat and lon');
    expectCorrupt(xml.replace(/<time>2026-05-03T06:[^<]*<\/time>/g, ''), 'drawn route');
    expectCorrupt(xml.replace(/ lat="[^"]*"/, ' lat="north"'), 'not a number');
    expectCorrupt(xml.replace(/ lat="[^"]*"/, ' lat="95"'), 'valid workout');
    expectCorrupt(xml.replace(/<ele>[^<]*</, '<ele>high<'), 'ele');
  });

  it('rejects the file cut at any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: xml.length - 2 }), (cut) => {
        expectCorrupt(new TextEncoder().encode(xml.slice(0, cut)));
      }),
      { numRuns: 150 },
    );
  });

  it('rejects random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expectCorrupt(bytes);
      }),
      { numRuns: 150 },
    );
  });
});

const workoutArb = fc
  .record({
    startMs: fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2035-01-01') }),
    points: fc.integer({ min: 1, max: 40 }),
    stepMs: fc.integer({ min: 1, max: 30_000 }),
    tailMs: fc.integer({ min: 0, max: 60_000 }),
    lat: fc.double({ min: -80, max: 80, noNaN: true }),
    lon: fc.double({ min: -179, max: 179, noNaN: true }),
    offset: fc.integer({ min: -14 * 4, max: 14 * 4 }).map((q) => q * 15),
    sport: fc.constantFrom<SportType>(...SPORT_TYPES),
    name: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
    hr: fc.option(fc.integer({ min: 20, max: 260 }), { nil: undefined }),
  })
  .map((g): Workout => {
    const at = (ms: number): string => new Date(g.startMs + ms).toISOString();
    return workoutSchema.parse({
      type: 'workout',
      provenance: SOURCE,
      sport: g.sport,
      ...(g.name === undefined ? {} : { name: g.name }),
      startTime: at(0),
      endTime: at((g.points - 1) * g.stepMs + g.tailMs),
      utcOffsetMinutes: g.offset,
      track: Array.from({ length: g.points }, (_, i) => ({
        time: at(i * g.stepMs),
        lat: g.lat + i * 1e-4,
        lon: g.lon - i * 1e-4,
        altitudeM: i * 0.1 - 2,
        ...(g.hr === undefined ? {} : { heartRateBpm: g.hr }),
      })),
    });
  });

describe('GPX workout codec property', () => {
  it('decode(encode(w)) preserves what GPX can hold', () => {
    fc.assert(
      fc.property(workoutArb, (w) => {
        const d = decodeWorkoutGpx(encodeWorkoutGpx(w).data, SOURCE).workout;
        expect([d.startTime, d.endTime, d.utcOffsetMinutes, d.sport]).toEqual([
          w.startTime,
          w.endTime,
          w.utcOffsetMinutes,
          w.sport,
        ]);
        // Free text comes back trimmed, without the characters XML cannot carry.
        const name = w.name?.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').trim();
        expect(d.name).toBe(name === '' ? undefined : name);
        expect(d.track?.length).toBe(w.track?.length);
        d.track?.forEach((p, i) => {
          const want = w.track?.[i];
          expect([p.time, p.altitudeM, p.heartRateBpm]).toEqual([
            want?.time,
            want?.altitudeM,
            want?.heartRateBpm,
          ]);
          expect(Math.abs(p.lat - (want?.lat ?? NaN))).toBeLessThan(1e-12);
          expect(Math.abs(p.lon - (want?.lon ?? NaN))).toBeLessThan(1e-12);
        });
        expect(d.heartRate?.maximum.value).toBe(w.track?.[0]?.heartRateBpm);
      }),
      { numRuns: 60 },
    );
  });
});
