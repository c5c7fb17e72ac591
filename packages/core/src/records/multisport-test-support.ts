import { workout as workoutSchema } from './workout.js';
import type { Workout } from './workout.js';

const at = (minutes: number): string =>
  new Date(Date.UTC(2026, 5, 14, 7, 0, 0) + minutes * 60_000).toISOString();
const point = (minutes: number, i: number, newSegment?: true) => ({
  time: at(minutes),
  lat: 47.36 + i * 0.001,
  lon: 8.54 + i * 0.001,
  ...(newSegment ? { newSegment } : {}),
});

/**
 * A sprint triathlon: swim 0–20 min, T1 20–23, bike 23–63 (two laps, a GPS gap at 40), T2 63–65,
 * run 65–90. Totals are the legs' sums.
 */
export function sampleTriathlon(overrides: Partial<Workout> = {}): Workout {
  return workoutSchema.parse({
    type: 'workout',
    provenance: { provider: 'garmin', externalId: 'tri-1' },
    sport: 'multisport',
    name: 'Sprint tri',
    startTime: at(0),
    endTime: at(90),
    utcOffsetMinutes: 120,
    movingTime: { value: 5400, unit: 's' },
    distance: { value: 26_250, unit: 'm' },
    energy: { value: 1100, unit: 'kcal' },
    heartRate: { average: { value: 150, unit: '/min' }, maximum: { value: 181, unit: '/min' } },
    laps: [
      { startTime: at(23), endTime: at(43), distance: { value: 10_000, unit: 'm' } },
      { startTime: at(43), endTime: at(63), distance: { value: 10_000, unit: 'm' } },
    ],
    track: [
      point(1, 0),
      point(10, 1),
      point(21, 2),
      point(30, 3),
      point(41, 4, true),
      point(64, 5),
      point(70, 6),
      point(89, 7),
    ],
    legs: [
      {
        kind: 'sport',
        sport: 'open_water_swimming',
        startTime: at(0),
        endTime: at(20),
        distance: { value: 750, unit: 'm' },
        energy: { value: 200, unit: 'kcal' },
      },
      { kind: 'transition', startTime: at(20), endTime: at(23), energy: { value: 20, unit: 'kcal' } },
      {
        kind: 'sport',
        sport: 'cycling',
        startTime: at(23),
        endTime: at(63),
        distance: { value: 20_000, unit: 'm' },
        energy: { value: 550, unit: 'kcal' },
        heartRate: { average: { value: 148, unit: '/min' }, maximum: { value: 170, unit: '/min' } },
      },
      { kind: 'transition', startTime: at(63), endTime: at(65), energy: { value: 10, unit: 'kcal' } },
      {
        kind: 'sport',
        sport: 'running',
        startTime: at(65),
        endTime: at(90),
        distance: { value: 5500, unit: 'm' },
        energy: { value: 320, unit: 'kcal' },
      },
    ],
    ...overrides,
  });
}
