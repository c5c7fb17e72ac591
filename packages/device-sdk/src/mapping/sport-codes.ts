import type { SportType } from '@syncwell/core';

/** `HKWorkoutActivityType` raw values ↔ canonical sports. */
export const HK_ACTIVITY_TO_SPORT: Readonly<Record<number, SportType>> = {
  13: 'cycling',
  24: 'hiking',
  37: 'running',
  46: 'swimming',
  50: 'strength_training',
  52: 'walking',
  57: 'yoga',
};

/** `ExerciseSessionRecord.EXERCISE_TYPE_*` ↔ canonical sports. */
export const HC_EXERCISE_TO_SPORT: Readonly<Record<number, SportType>> = {
  8: 'cycling',
  37: 'hiking',
  56: 'running',
  57: 'treadmill_running',
  70: 'strength_training',
  73: 'open_water_swimming',
  74: 'swimming',
  79: 'walking',
  83: 'yoga',
};

export const HK_OTHER = 3000;
export const HC_OTHER = 0;

/** The first code mapping to `sport`, or the platform's "other". */
export function codeForSport(
  table: Readonly<Record<number, SportType>>,
  sport: SportType,
  other: number,
): number {
  const match = Object.entries(table).find(([, s]) => s === sport);
  return match === undefined ? other : Number(match[0]);
}
