import type { SportType } from '@syncwell/core';

/** Strava `sport_type` for each canonical sport, and whether Strava flags it as a trainer session. */
const STRAVA_SPORT: Readonly<Record<SportType, { sportType: string; trainer: boolean }>> = {
  running: { sportType: 'Run', trainer: false },
  trail_running: { sportType: 'TrailRun', trainer: false },
  treadmill_running: { sportType: 'Run', trainer: true },
  walking: { sportType: 'Walk', trainer: false },
  hiking: { sportType: 'Hike', trainer: false },
  cycling: { sportType: 'Ride', trainer: false },
  mountain_biking: { sportType: 'MountainBikeRide', trainer: false },
  indoor_cycling: { sportType: 'Ride', trainer: true },
  swimming: { sportType: 'Swim', trainer: false },
  open_water_swimming: { sportType: 'Swim', trainer: false },
  rowing: { sportType: 'Rowing', trainer: false },
  cross_country_skiing: { sportType: 'NordicSki', trainer: false },
  strength_training: { sportType: 'WeightTraining', trainer: false },
  yoga: { sportType: 'Yoga', trainer: false },
  // Strava has no multisport sport_type; an uploaded multisport file becomes a Workout.
  multisport: { sportType: 'Workout', trainer: false },
  other: { sportType: 'Workout', trainer: false },
};

export function stravaSportFor(sport: SportType): { sportType: string; trainer: boolean } {
  return STRAVA_SPORT[sport];
}

/** The deprecated `type` field only knows the older, coarser list. */
const LEGACY_TYPE: Readonly<Record<string, string>> = {
  TrailRun: 'Run',
  MountainBikeRide: 'Ride',
  GravelRide: 'Ride',
  EMountainBikeRide: 'EBikeRide',
  VirtualRun: 'VirtualRun',
};

export function legacyActivityType(sportType: string): string {
  return LEGACY_TYPE[sportType] ?? sportType;
}

const SPORT_LABEL: Readonly<Record<string, string>> = {
  Run: 'Run',
  TrailRun: 'Trail Run',
  Walk: 'Walk',
  Hike: 'Hike',
  Ride: 'Ride',
  MountainBikeRide: 'Mountain Bike Ride',
  Swim: 'Swim',
  Rowing: 'Row',
  NordicSki: 'Nordic Ski',
  WeightTraining: 'Weight Training',
  Yoga: 'Yoga',
};

/** Strava's default title: "Morning Run", "Lunch Ride", ... by local hour of the start. */
export function defaultActivityName(sportType: string, localHour: number): string {
  const part =
    localHour < 5
      ? 'Night'
      : localHour < 11
        ? 'Morning'
        : localHour < 14
          ? 'Lunch'
          : localHour < 18
            ? 'Afternoon'
            : localHour < 21
              ? 'Evening'
              : 'Night';
  return `${part} ${SPORT_LABEL[sportType] ?? 'Activity'}`;
}

export const STRAVA_SPORT_TYPES: readonly string[] = [
  ...new Set([
    ...Object.values(STRAVA_SPORT).map((s) => s.sportType),
    'VirtualRide',
    'VirtualRun',
    'GravelRide',
  ]),
];
