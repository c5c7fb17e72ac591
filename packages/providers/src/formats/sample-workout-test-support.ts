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
