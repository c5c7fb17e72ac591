import type { SportType, Workout } from '@syncwell/core';
import type { SeededRandom } from '../synthetic/seeded-random.js';
import type { OuraDocument } from './oura-state.js';
import { localDay, ouraDateTime } from './oura-time.js';

const ACTIVITY: Partial<Record<SportType, string>> = {
  running: 'running',
  walking: 'walking',
  cycling: 'cycling',
  hiking: 'hiking',
  swimming: 'swimming',
  yoga: 'yoga',
  strength_training: 'strengthTraining',
};

/**
 * A synthetic workout as Oura's `workout` collection shows it: times with the wearer's offset,
 * `day` local, distance in metres, calories in kcal, no heart-rate summary and no GPS.
 */
export function ouraWorkoutJson(workout: Workout, offsetMinutes: number, random: SeededRandom): OuraDocument {
  const startMs = Date.parse(workout.startTime);
  return {
    id: random.hexId(8) + '-' + random.hexId(4) + '-' + random.hexId(12),
    activity: ACTIVITY[workout.sport] ?? 'other',
    calories: workout.energy?.value ?? null,
    day: localDay(startMs, offsetMinutes),
    distance: workout.distance === undefined ? null : Math.round(workout.distance.value * 10) / 10,
    start_datetime: ouraDateTime(startMs, offsetMinutes),
    end_datetime: ouraDateTime(Date.parse(workout.endTime), offsetMinutes),
    intensity: random.pick(['easy', 'moderate', 'hard']),
    label: null,
    source: random.pick(['autodetected', 'confirmed', 'manual']),
  };
}
