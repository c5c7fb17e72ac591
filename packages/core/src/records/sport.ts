import { z } from 'zod';

/**
 * Canonical sport types. Each provider maps its own list onto these in its mapping module;
 * anything it cannot place becomes `other` rather than a guess.
 */
export const SPORT_TYPES = [
  'running',
  'trail_running',
  'treadmill_running',
  'walking',
  'hiking',
  'cycling',
  'mountain_biking',
  'indoor_cycling',
  'swimming',
  'open_water_swimming',
  'rowing',
  'cross_country_skiing',
  'strength_training',
  'yoga',
  /** A multisport activity as a whole (triathlon, duathlon, brick); its legs carry their sports. */
  'multisport',
  'other',
] as const;
export const sportType = z.enum(SPORT_TYPES);
export type SportType = z.infer<typeof sportType>;
