import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Workout } from '@syncwell/core';
import { sampleRun, sampleSegmentedRun, sampleTriathlon } from '../sample-workout-test-support.js';
import { decodeWorkoutTcx } from './workout-tcx-decoder.js';
import { encodeWorkoutTcx } from './workout-tcx-encoder.js';

const SOURCE = { provider: 'garmin', externalId: 'act-1' } as const;
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const withoutProvenance = ({ provenance: _p, ...rest }: Workout) => rest;
const segmentStarts = (w: Workout | undefined): number[] =>
  w?.track?.flatMap((p, i) => (p.newSegment ? [i] : [])) ?? [];

describe('TCX files as devices write them', () => {
  it('reads a MultiSportSession as one multisport workout: sport legs, transitions, totals, laps and track', () => {
    const { workouts, warnings } = decodeWorkoutTcx(fixture('garmin-triathlon-multisport.tcx'), SOURCE);
    expect(warnings).toEqual([]);
    expect(workouts).toHaveLength(1);
    const [tri] = workouts;
    expect(tri).toMatchObject({
      provenance: SOURCE,
      sport: 'multisport',
      startTime: '2024-07-07T06:00:00.000Z',
      endTime: '2024-07-07T08:34:00.000Z',
      movingTime: { value: 9240, unit: 's' },
      distance: { value: 51_750, unit: 'm' },
      energy: { value: 1973, unit: 'kcal' },
      // Lap averages weighted by lap time: 1,389,000 / 9,240 = 150.3.
      heartRate: { average: { value: 150, unit: '/min' }, maximum: { value: 178, unit: '/min' } },
    });
    expect(
      tri?.legs?.map((l) => [l.kind === 'sport' ? l.sport : 'transition', l.startTime, l.endTime]),
    ).toEqual([
      // TCX names three sports; a third-party swim is `Other`.
      ['other', '2024-07-07T06:00:00.000Z', '2024-07-07T06:25:00.000Z'],
      ['transition', '2024-07-07T06:25:00.000Z', '2024-07-07T06:27:30.000Z'],
      ['cycling', '2024-07-07T06:27:30.000Z', '2024-07-07T07:47:30.000Z'],
      ['transition', '2024-07-07T07:47:30.000Z', '2024-07-07T07:49:00.000Z'],
      ['running', '2024-07-07T07:49:00.000Z', '2024-07-07T08:34:00.000Z'],
    ]);
    expect(tri?.legs?.map((l) => l.distance?.value)).toEqual([1500, 200, 40_000, 50, 10_000]);
    expect(tri?.laps).toHaveLength(2);
    expect(tri?.track).toHaveLength(11);
  });

  it('reads every Activity of a file with several, each with its own id, and keeps a paused lap’s two Tracks as segments', () => {
    const { workouts } = decodeWorkoutTcx(fixture('two-activities-paused-run.tcx'), SOURCE);
    expect(workouts.map((w) => [w.provenance.externalId, w.sport, w.startTime, w.endTime])).toEqual([
      ['act-1#activity1', 'running', '2024-05-01T17:00:00.000Z', '2024-05-01T17:10:00.000Z'],
      ['act-1#activity2', 'cycling', '2024-05-01T18:30:00.000Z', '2024-05-01T19:00:00.000Z'],
    ]);
    expect(workouts.map((w) => w.track?.length)).toEqual([5, 2]);
    expect(segmentStarts(workouts[0])).toEqual([3]);
    expect(workouts[0]?.movingTime?.value).toBe(540);
  });
});

describe('TCX round trips of the new shapes', () => {
  it('writes a multisport workout as a MultiSportSession and reads it back exactly', () => {
    const tri = sampleTriathlon(SOURCE);
    const { data, changes } = encodeWorkoutTcx(tri);
    expect(data).toContain('<MultiSportSession>');
    expect(data.match(/<Transition /g)).toHaveLength(2);
    expect(changes).toEqual([]);
    const { workouts } = decodeWorkoutTcx(data, SOURCE);
    expect(workouts.map(withoutProvenance)).toEqual([withoutProvenance(tri)]);
  });

  it('writes a segment break inside a lap as a new Track and reads the same segments back', () => {
    const run = sampleSegmentedRun(SOURCE);
    const { data, changes } = encodeWorkoutTcx(run);
    expect(data.match(/<Track>/g)).toHaveLength(4); // lap 1: two segments; lap 2: two segments
    expect(changes.filter((c) => c.field.startsWith('track'))).toEqual([]);
    const back = decodeWorkoutTcx(data, SOURCE).workouts[0];
    expect(back?.track).toEqual(run.track);
  });

  it('reports calories past unsignedShort and heart rates past unsignedByte instead of writing them silently', () => {
    const run = sampleRun(SOURCE, { laps: [], energy: { value: 70_000, unit: 'kcal' } });
    const hot = { ...run, track: run.track?.map((p, i) => (i === 10 ? { ...p, heartRateBpm: 258 } : p)) };
    const { data, changes } = encodeWorkoutTcx(hot);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'energy', kind: 'changed', count: 1, given: 70_000, written: 65_535 },
        { field: 'track[].heartRateBpm', kind: 'changed', count: 1, given: 258, written: 255 },
      ]),
    );
    // No lap maximum below a trackpoint of its lap: every written value is 255 at most.
    const values = [...data.matchAll(/<Value>(\d+)<\/Value>/g)].map((m) => Number(m[1]));
    expect(Math.max(...values)).toBe(255);
  });

  it('reports a workout maximum below a trackpoint’s heart rate, which the laps cannot keep', () => {
    const run = sampleRun(SOURCE, {
      heartRate: { average: { value: 131, unit: '/min' }, maximum: { value: 140, unit: '/min' } },
    });
    const { changes } = encodeWorkoutTcx(run);
    expect(changes).toContainEqual({
      field: 'heartRate.maximum',
      kind: 'changed',
      count: 1,
      given: 140,
      written: 150,
    });
  });
});
