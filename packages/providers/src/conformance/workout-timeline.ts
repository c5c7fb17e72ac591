import type { Workout } from '@syncwell/core';

/** Moves a workout (laps and track included) by `deltaMs`, so seeded workouts never share a start. */
export function shiftWorkout(workout: Workout, deltaMs: number): Workout {
  const shift = (iso: string): string => new Date(Date.parse(iso) + deltaMs).toISOString();
  return {
    ...workout,
    startTime: shift(workout.startTime),
    endTime: shift(workout.endTime),
    laps: workout.laps.map((lap) => ({
      ...lap,
      startTime: shift(lap.startTime),
      endTime: shift(lap.endTime),
    })),
    ...(workout.track === undefined
      ? {}
      : { track: workout.track.map((p) => ({ ...p, time: shift(p.time) })) }),
  };
}

/**
 * Hands out start times that only move forward (two hours apart), because providers filtered
 * by start time (Strava's `after`) only report workouts newer than the cursor.
 */
export class WorkoutTimeline {
  private nextStartMs: number;

  /** Starts are whole seconds, as providers store them. */
  constructor(firstStartMs: number) {
    this.nextStartMs = Math.floor(firstStartMs / 1000) * 1000;
  }

  place(workout: Workout): Workout {
    const placed = shiftWorkout(workout, this.nextStartMs - Date.parse(workout.startTime));
    this.nextStartMs += 2 * 60 * 60_000;
    return placed;
  }
}
