import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Workout } from '@syncwell/core';
import { sampleSegmentedRun, sampleTriathlon } from '../sample-workout-test-support.js';
import { decodeWorkoutGpx } from './workout-gpx-decoder.js';
import { encodeWorkoutGpx } from './workout-gpx-encoder.js';

const SOURCE = { provider: 'garmin', externalId: 'gpx-1' } as const;
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const withoutProvenance = ({ provenance: _p, ...rest }: Workout) => rest;
const segmentStarts = (w: Workout): number[] => w.track?.flatMap((p, i) => (p.newSegment ? [i] : [])) ?? [];

describe('GPX files as devices and apps write them', () => {
  it('keeps every trkseg of a paused Garmin ride as a segment, and measures no distance across the pauses', () => {
    const { workout, warnings } = decodeWorkoutGpx(fixture('garmin-paused-ride.gpx'), SOURCE);
    expect(warnings).toEqual([]);
    expect(workout).toMatchObject({
      sport: 'cycling',
      name: 'Lake loop with coffee',
      startTime: '2024-09-21T08:02:10.000Z',
      endTime: '2024-09-21T09:12:00.000Z',
    });
    expect(workout.track).toHaveLength(7);
    // Three recorded segments (the empty one in between holds nothing): breaks before points 3 and 5.
    expect(segmentStarts(workout)).toEqual([3, 5]);
    // 3,761.9 m within the segments; joining them up would give 14,209.3 m.
    expect(workout.distance?.value).toBeCloseTo(3761.896, 2);
  });

  it('skips points without a time or a position with a count, and keeps the rest of the track', () => {
    const { workout, warnings } = decodeWorkoutGpx(fixture('phone-app-partial-points.gpx'), SOURCE);
    expect(warnings).toEqual([
      '2 track points without a time skipped',
      '1 track point without lat/lon skipped',
    ]);
    expect(workout.track).toHaveLength(4);
    expect([workout.startTime, workout.endTime]).toEqual([
      '2024-10-02T17:31:00.000Z',
      '2024-10-02T17:34:00.000Z',
    ]);
    expect(workout.distance?.value).toBeCloseTo(297.76, 2);
  });
});

describe('GPX round trips of the new shapes', () => {
  it('writes each segment as a trkseg and reads the same segments and distance back', () => {
    const run = sampleSegmentedRun(SOURCE);
    const { data, changes } = encodeWorkoutGpx(run);
    expect(data.match(/<trkseg>/g)).toHaveLength(3);
    // GPX has no laps and no totals: those are reported, the track is exact.
    expect(changes.map((c) => c.field).filter((f) => f.startsWith('track'))).toEqual([]);
    const back = decodeWorkoutGpx(data, SOURCE).workout;
    expect(back.track).toEqual(run.track);
    expect(segmentStarts(back)).toEqual([24, 72]);
    // Re-read, re-written, re-read: the gaps are never added to the distance.
    const again = decodeWorkoutGpx(encodeWorkoutGpx(back).data, SOURCE).workout;
    expect(again.distance?.value).toBe(back.distance?.value);
  });

  it('reports what GPX cannot hold of a triathlon (legs, laps, totals) and keeps its track exactly', () => {
    const tri = sampleTriathlon(SOURCE);
    const { data, changes } = encodeWorkoutGpx(tri);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'legs', kind: 'dropped' }),
        expect.objectContaining({ field: 'laps', kind: 'dropped' }),
        expect.objectContaining({ field: 'energy', kind: 'dropped' }),
      ]),
    );
    const back = decodeWorkoutGpx(data, SOURCE).workout;
    expect(withoutProvenance(back).track).toEqual(tri.track);
    expect(back.sport).toBe('multisport');
  });
});
