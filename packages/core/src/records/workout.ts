import { z } from 'zod';
import { provenance } from './provenance.js';
import { quantity } from './quantity.js';
import { sportType } from './sport.js';
import { utcInstant, utcOffsetMinutes } from './time.js';

export const trackPoint = z.strictObject({
  time: utcInstant,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  altitudeM: z.number().optional(),
  heartRateBpm: z.number().int().min(20).max(260).optional(),
});
export type TrackPoint = z.infer<typeof trackPoint>;

export const lap = z.strictObject({
  startTime: utcInstant,
  endTime: utcInstant,
  distance: quantity('m').optional(),
  energy: quantity('kcal').optional(),
  averageHeartRate: quantity('/min').optional(),
});
export type Lap = z.infer<typeof lap>;

export const workout = z
  .strictObject({
    type: z.literal('workout'),
    provenance,
    sport: sportType,
    name: z.string().max(255).optional(),
    startTime: utcInstant,
    endTime: utcInstant,
    utcOffsetMinutes,
    /** Time in motion; elapsed time is endTime − startTime. */
    movingTime: quantity('s').optional(),
    distance: quantity('m').optional(),
    energy: quantity('kcal').optional(),
    heartRate: z.strictObject({ average: quantity('/min'), maximum: quantity('/min') }).optional(),
    laps: z.array(lap).max(1000).default([]),
    /** GPS route; absent for indoor workouts. */
    track: z.array(trackPoint).max(200_000).optional(),
  })
  .refine((w) => Date.parse(w.endTime) >= Date.parse(w.startTime), {
    message: 'endTime is before startTime',
    path: ['endTime'],
  });
export type Workout = z.infer<typeof workout>;

/** Elapsed seconds of a workout (end − start). */
export function workoutElapsedSeconds(w: Pick<Workout, 'startTime' | 'endTime'>): number {
  return (Date.parse(w.endTime) - Date.parse(w.startTime)) / 1000;
}
