import { z } from 'zod';
import { provenance } from './provenance.js';
import { quantity } from './quantity.js';
import { sportType } from './sport.js';
import { utcInstant, utcOffsetMinutes } from './time.js';
import { workoutLeg, workoutPart } from './workout-leg.js';

export const trackPoint = z.strictObject({
  time: utcInstant,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  altitudeM: z.number().optional(),
  heartRateBpm: z.number().int().min(20).max(260).optional(),
  /**
   * This point begins a new segment: recording paused, or the signal was lost, since the
   * previous point (GPX `trkseg`, TCX `Track`, FIT timer stop/start). No distance is counted
   * across the gap. Never on the first point: the first segment needs no marker.
   */
  newSegment: z.literal(true).optional(),
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
    /** Every lap of the workout (of every leg, for a multisport one), in time order. */
    laps: z.array(lap).max(1000).default([]),
    /** GPS route; absent for indoor workouts. Segments are marked by `newSegment`. */
    track: z.array(trackPoint).max(200_000).optional(),
    /**
     * A multisport activity (triathlon, duathlon, brick): its legs and the transitions between
     * them, in time order. Laps and track stay at the workout level and belong to the leg whose
     * time they fall in. Present only with sport `multisport`.
     */
    legs: z.array(workoutLeg).min(2).max(100).optional(),
    /** Set on a workout that is one leg of a multisport activity written one workout per leg. */
    partOf: workoutPart.optional(),
  })
  .superRefine((w, ctx) => {
    const issue = (message: string, path: PropertyKey[]): void => {
      ctx.addIssue({ code: 'custom', message, path });
    };
    if (Date.parse(w.endTime) < Date.parse(w.startTime)) issue('endTime is before startTime', ['endTime']);
    if (w.track?.[0]?.newSegment === true) issue('the first track point cannot start a segment', ['track']);
    if (w.legs === undefined) return;
    if (w.sport !== 'multisport') issue('a workout with legs has sport multisport', ['sport']);
    if (w.partOf !== undefined) issue('a leg of a multisport activity has no legs itself', ['partOf']);
    if (!w.legs.some((leg) => leg.kind === 'sport')) issue('a multisport workout has a sport leg', ['legs']);
    let previousEnd = Date.parse(w.startTime);
    w.legs.forEach((leg, i) => {
      const start = Date.parse(leg.startTime);
      const end = Date.parse(leg.endTime);
      if (end < start) issue('leg endTime is before its startTime', ['legs', i, 'endTime']);
      if (start < previousEnd) issue('legs overlap or start before the workout', ['legs', i, 'startTime']);
      previousEnd = Math.max(previousEnd, end);
    });
    if (previousEnd > Date.parse(w.endTime)) issue('a leg ends after the workout', ['legs']);
  });
export type Workout = z.infer<typeof workout>;

/** Elapsed seconds of a workout (end − start). */
export function workoutElapsedSeconds(w: Pick<Workout, 'startTime' | 'endTime'>): number {
  return (Date.parse(w.endTime) - Date.parse(w.startTime)) / 1000;
}
