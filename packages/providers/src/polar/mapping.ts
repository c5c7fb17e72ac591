import { workout, type Workout } from '@syncwell/core';
import type { z } from 'zod';
import { multisportFromFile } from '../formats/file-legs.js';
import { parseIsoDurationSeconds } from './iso-duration.js';
import type { PolarExercise } from './schemas.js';
import { sportFromPolar } from './sport-table.js';

export type WorkoutMapping = { ok: true; workout: Workout } | { ok: false; message: string };

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Polar's `start_time` is the device's wall clock with no zone; `start_time_utc_offset`
 * (minutes) places it. If a zone is present anyway it wins.
 */
export function polarStartUtcMs(startTime: string, offsetMinutes: number): number {
  const trimmed = startTime.trim();
  if (HAS_ZONE.test(trimmed)) return Date.parse(trimmed);
  return Date.parse(`${trimmed}Z`) - offsetMinutes * 60_000;
}

/** Polar's "other times" are UTC but may arrive without a zone designator. */
export function polarUtcMs(text: string): number {
  const trimmed = text.trim();
  return Date.parse(HAS_ZONE.test(trimmed) ? trimmed : `${trimmed}Z`);
}

/**
 * Merges an exercise summary with its decoded FIT file (null when there is none). The summary
 * is authoritative for time, sport and totals; the FIT file adds the route and laps, and fills
 * totals the summary lacks.
 */
export function polarExerciseToWorkout(exercise: PolarExercise, fit: Workout | null): WorkoutMapping {
  const startMs = polarStartUtcMs(exercise.start_time, exercise.start_time_utc_offset);
  const seconds = parseIsoDurationSeconds(exercise.duration);
  if (Number.isNaN(startMs)) return { ok: false, message: 'start_time is not a date-time' };
  if (seconds === undefined) return { ok: false, message: 'duration is not an ISO-8601 duration' };
  const summarySport = sportFromPolar(exercise.detailed_sport_info ?? exercise.sport);
  const average = exercise.heart_rate?.average;
  const maximum = exercise.heart_rate?.maximum;
  const heartRate =
    average !== null && average !== undefined && maximum !== null && maximum !== undefined
      ? {
          average: { value: average, unit: '/min' as const },
          maximum: { value: maximum, unit: '/min' as const },
        }
      : fit?.heartRate;
  const distance =
    exercise.distance !== null && exercise.distance !== undefined
      ? { value: exercise.distance, unit: 'm' as const }
      : fit?.distance;
  const energy =
    exercise.calories !== null && exercise.calories !== undefined
      ? { value: exercise.calories, unit: 'kcal' as const }
      : fit?.energy;
  const candidate: z.input<typeof workout> = {
    type: 'workout',
    provenance: {
      provider: 'polar',
      externalId: exercise.id,
      device: { manufacturer: 'Polar', ...(exercise.device ? { model: exercise.device.slice(0, 100) } : {}) },
    },
    sport: summarySport === 'other' && fit !== null ? fit.sport : summarySport,
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(startMs + seconds * 1000).toISOString(),
    utcOffsetMinutes: Math.round(exercise.start_time_utc_offset),
    ...(fit?.movingTime === undefined ? {} : { movingTime: fit.movingTime }),
    ...(distance === undefined ? {} : { distance }),
    ...(energy === undefined ? {} : { energy }),
    ...(heartRate === undefined ? {} : { heartRate }),
    laps: fit?.laps ?? [],
    ...(fit?.track === undefined || fit.track.length === 0 ? {} : { track: fit.track }),
  };
  const parsed = workout.safeParse({ ...candidate, ...multisportFromFile(fit, candidate) });
  if (parsed.success) return { ok: true, workout: parsed.data };
  const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { ok: false, message: `exercise failed validation at ${fields.join(', ')}` };
}
