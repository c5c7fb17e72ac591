import { z } from 'zod';
import { quantity } from './quantity.js';
import { sportType } from './sport.js';
import { utcInstant } from './time.js';

/** What every leg carries: its own times and totals, like a workout of its own. */
const legFields = {
  startTime: utcInstant,
  endTime: utcInstant,
  movingTime: quantity('s').optional(),
  distance: quantity('m').optional(),
  energy: quantity('kcal').optional(),
  heartRate: z.strictObject({ average: quantity('/min'), maximum: quantity('/min') }).optional(),
};

/** One sport of a multisport activity: the swim, the bike, the run. */
export const sportLeg = z.strictObject({ kind: z.literal('sport'), sport: sportType, ...legFields });

/**
 * The changeover between two sport legs (T1, T2). It has no sport of its own: FIT writes it as
 * sport `transition`, TCX as a `Transition` lap, HealthKit as `HKWorkoutActivityType.transition`.
 */
export const transitionLeg = z.strictObject({ kind: z.literal('transition'), ...legFields });

export const workoutLeg = z.discriminatedUnion('kind', [sportLeg, transitionLeg]);
export type WorkoutLeg = z.infer<typeof workoutLeg>;

/**
 * Marks a workout that is one leg of a multisport activity, written one workout per leg to a
 * destination that cannot hold the activity whole (see `splitMultisportWorkout`). The legs of one
 * activity share `activityExternalId`, so a reader can group them again.
 */
export const workoutPart = z
  .strictObject({
    /** The source's id of the whole activity. */
    activityExternalId: z.string().min(1).max(200),
    /** 1-based position of this leg, and the number of legs the activity has. */
    leg: z.number().int().min(1),
    legs: z.number().int().min(2),
    /** This leg is a transition (its workout's sport is `other`). */
    transition: z.literal(true).optional(),
  })
  .refine((p) => p.leg <= p.legs, { message: 'leg is beyond the number of legs', path: ['leg'] });
export type WorkoutPart = z.infer<typeof workoutPart>;
