import type { SportType } from '@syncwell/core';

/** How a sport is done: outdoors with GPS or not, typical speed and duration, effort, energy table. */
export interface SportProfile {
  readonly sport: SportType;
  /** Share of generated workouts. */
  readonly weight: number;
  readonly outdoor: boolean;
  /** Typical moving speed in m/s for an average person (0: no distance recorded). */
  readonly speed: number;
  readonly minutes: readonly [min: number, max: number];
  /** Share of heart-rate reserve used. */
  readonly intensity: readonly [min: number, max: number];
  /** Metabolic equivalent a motion-based estimate uses. */
  readonly met: number;
  /** Whether road stops (crossings, lights) happen. */
  readonly stops: boolean;
  /** The label a device uses when it does not know the exact sport (trail → running). */
  readonly generic: SportType;
}

export const SPORT_PROFILES: readonly SportProfile[] = [
  {
    sport: 'running',
    weight: 28,
    outdoor: true,
    speed: 3.1,
    minutes: [20, 100],
    intensity: [0.6, 0.85],
    met: 9.8,
    stops: true,
    generic: 'running',
  },
  {
    sport: 'trail_running',
    weight: 5,
    outdoor: true,
    speed: 2.4,
    minutes: [40, 180],
    intensity: [0.6, 0.85],
    met: 9,
    stops: false,
    generic: 'running',
  },
  {
    sport: 'treadmill_running',
    weight: 5,
    outdoor: false,
    speed: 2.9,
    minutes: [20, 60],
    intensity: [0.6, 0.85],
    met: 9,
    stops: false,
    generic: 'running',
  },
  {
    sport: 'walking',
    weight: 11,
    outdoor: true,
    speed: 1.35,
    minutes: [20, 90],
    intensity: [0.25, 0.45],
    met: 3.5,
    stops: true,
    generic: 'walking',
  },
  {
    sport: 'hiking',
    weight: 5,
    outdoor: true,
    speed: 1.1,
    minutes: [60, 300],
    intensity: [0.35, 0.6],
    met: 6,
    stops: false,
    generic: 'walking',
  },
  {
    sport: 'cycling',
    weight: 16,
    outdoor: true,
    speed: 7.2,
    minutes: [40, 240],
    intensity: [0.5, 0.8],
    met: 7.5,
    stops: true,
    generic: 'cycling',
  },
  {
    sport: 'mountain_biking',
    weight: 4,
    outdoor: true,
    speed: 4.5,
    minutes: [45, 180],
    intensity: [0.55, 0.85],
    met: 8.5,
    stops: false,
    generic: 'cycling',
  },
  {
    sport: 'indoor_cycling',
    weight: 6,
    outdoor: false,
    speed: 8,
    minutes: [30, 75],
    intensity: [0.55, 0.85],
    met: 7,
    stops: false,
    generic: 'cycling',
  },
  {
    sport: 'rowing',
    weight: 2,
    outdoor: true,
    speed: 3.3,
    minutes: [30, 90],
    intensity: [0.55, 0.8],
    met: 7,
    stops: false,
    generic: 'other',
  },
  {
    sport: 'swimming',
    weight: 4,
    outdoor: false,
    speed: 0.9,
    minutes: [25, 60],
    intensity: [0.5, 0.75],
    met: 7,
    stops: false,
    generic: 'swimming',
  },
  {
    sport: 'strength_training',
    weight: 10,
    outdoor: false,
    speed: 0,
    minutes: [30, 80],
    intensity: [0.3, 0.55],
    met: 5,
    stops: false,
    generic: 'other',
  },
  {
    sport: 'yoga',
    weight: 4,
    outdoor: false,
    speed: 0,
    minutes: [30, 75],
    intensity: [0.15, 0.3],
    met: 2.8,
    stops: false,
    generic: 'other',
  },
];

const BY_SPORT = new Map(SPORT_PROFILES.map((p) => [p.sport, p]));

export function sportProfile(sport: SportType): SportProfile {
  const profile = BY_SPORT.get(sport);
  if (profile === undefined) throw new RangeError(`no profile for ${sport}`);
  return profile;
}
