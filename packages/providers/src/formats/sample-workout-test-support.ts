import { workout as workoutSchema } from '@syncwell/core';
import type { Lap, Provenance, TrackPoint, Workout } from '@syncwell/core';

const START = '2026-05-03T06:30:00.000Z';

/** A GPS track every 5 s from 06:30 UTC near Zürich, with altitude and rising heart rate. */
export function sampleTrack(points: number): TrackPoint[] {
  const start = Date.parse(START);
  return Array.from({ length: points }, (_, i) => ({
    time: new Date(start + i * 5000).toISOString(),
    lat: 47.3769 + i * 0.0001234567,
    lon: 8.5417 - i * 0.0000765432,
    altitudeM: 408.4 + (i % 7),
    heartRateBpm: 110 + Math.floor(i / 3),
  }));
}

const LAPS: Lap[] = [
  {
    startTime: '2026-05-03T06:30:00.000Z',
    endTime: '2026-05-03T06:35:00.000Z',
    distance: { value: 1000, unit: 'm' },
    energy: { value: 61, unit: 'kcal' },
    averageHeartRate: { value: 121, unit: '/min' },
  },
  {
    startTime: '2026-05-03T06:35:00.000Z',
    endTime: '2026-05-03T06:40:00.000Z',
    distance: { value: 987.65, unit: 'm' },
    energy: { value: 60, unit: 'kcal' },
    averageHeartRate: { value: 141, unit: '/min' },
  },
];

/** The 10-minute, two-lap run the workout-file codecs round-trip (UTC+02:00). */
export function sampleRun(provenance: Provenance, overrides: Partial<Workout> = {}): Workout {
  return workoutSchema.parse({
    type: 'workout',
    provenance,
    sport: 'running',
    startTime: START,
    endTime: '2026-05-03T06:40:00.000Z',
    utcOffsetMinutes: 120,
    movingTime: { value: 590, unit: 's' },
    distance: { value: 1987.65, unit: 'm' },
    energy: { value: 121, unit: 'kcal' },
    heartRate: { average: { value: 131, unit: '/min' }, maximum: { value: 150, unit: '/min' } },
    laps: LAPS,
    track: sampleTrack(121),
    ...overrides,
  });
}

const TRI_START = Date.parse('2026-05-03T06:00:00.000Z');
const triAt = (seconds: number): string => new Date(TRI_START + seconds * 1000).toISOString();
const bpm = (value: number) => ({ value, unit: '/min' as const });
const totals = (seconds: number, metres: number, kcal: number, average: number, maximum: number) => ({
  movingTime: { value: seconds, unit: 's' as const },
  distance: { value: metres, unit: 'm' as const },
  energy: { value: kcal, unit: 'kcal' as const },
  heartRate: { average: bpm(average), maximum: bpm(maximum) },
});
/** On FIT's semicircle grid, so every format carries the positions exactly. */
const onGrid = (degrees: number): number => Math.round(degrees * (2 ** 31 / 180)) / (2 ** 31 / 180);
const triPoint = (seconds: number, i: number, hr: number, newSegment?: true): TrackPoint => ({
  time: triAt(seconds),
  lat: onGrid(45.8 + i * 0.002),
  lon: onGrid(9.1 + i * 0.003),
  altitudeM: 200 + i,
  heartRateBpm: hr,
  ...(newSegment ? { newSegment } : {}),
});

/**
 * A sprint triathlon every format can hold exactly where it holds the field at all: whole
 * seconds, centimetres, whole kcal and bpm, positions on FIT's grid, movingTime = elapsed,
 * totals equal to the legs' sums and the average their time-weighted mean (rounded). Swim
 * 0–900 s, T1 –1020, bike –2820 (two laps, a GPS gap before 1500 s), T2 –2880, run –4080.
 */
export function sampleTriathlon(provenance: Provenance): Workout {
  return workoutSchema.parse({
    type: 'workout',
    provenance,
    sport: 'multisport',
    startTime: triAt(0),
    endTime: triAt(4080),
    utcOffsetMinutes: 120,
    ...totals(4080, 19_650, 865, 144, 170),
    laps: [
      {
        startTime: triAt(1020),
        endTime: triAt(1920),
        distance: { value: 7500, unit: 'm' },
        energy: { value: 200, unit: 'kcal' },
        averageHeartRate: bpm(145),
      },
      {
        startTime: triAt(1920),
        endTime: triAt(2820),
        distance: { value: 7500, unit: 'm' },
        energy: { value: 200, unit: 'kcal' },
        averageHeartRate: bpm(145),
      },
    ],
    track: [
      triPoint(0, 0, 125),
      triPoint(450, 1, 140),
      triPoint(960, 2, 138),
      triPoint(1030, 3, 141),
      triPoint(1500, 4, 160, true),
      triPoint(2000, 5, 150),
      triPoint(2500, 6, 152),
      triPoint(2850, 7, 155),
      triPoint(2890, 8, 158),
      triPoint(3500, 9, 170),
      triPoint(4070, 10, 166),
    ],
    legs: [
      {
        kind: 'sport',
        sport: 'open_water_swimming',
        startTime: triAt(0),
        endTime: triAt(900),
        ...totals(900, 500, 150, 130, 140),
      },
      { kind: 'transition', startTime: triAt(900), endTime: triAt(1020), ...totals(120, 100, 10, 135, 140) },
      {
        kind: 'sport',
        sport: 'cycling',
        startTime: triAt(1020),
        endTime: triAt(2820),
        ...totals(1800, 15_000, 400, 145, 160),
      },
      { kind: 'transition', startTime: triAt(2820), endTime: triAt(2880), ...totals(60, 50, 5, 150, 155) },
      {
        kind: 'sport',
        sport: 'running',
        startTime: triAt(2880),
        endTime: triAt(4080),
        ...totals(1200, 4000, 300, 155, 170),
      },
    ],
  });
}

/** The sample run with its track broken into three segments (a pause at 2 min and at 6 min). */
export function sampleSegmentedRun(provenance: Provenance): Workout {
  const run = sampleRun(provenance);
  return {
    ...run,
    track: run.track?.map((p, i) => (i === 24 || i === 72 ? { ...p, newSegment: true as const } : p)),
  };
}
