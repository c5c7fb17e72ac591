import type { SportType } from '@syncwell/core';
import { sportIndex, writtenName } from '../sports/sport-column.js';

/** Google Health `Exercise.ExerciseType` is UPPER_SNAKE_CASE; read in any case. */
const key = (name: string): string => name.trim().toUpperCase();
const GOOGLE_EXERCISE_TYPES = sportIndex('googleHealth', key);

/** `ExerciseType` (the `googleHealth` column of the sport mapping table) → canonical; unknown → `other`. */
export function sportFromGoogle(exerciseType: string | null | undefined): SportType {
  if (exerciseType === null || exerciseType === undefined) return 'other';
  return GOOGLE_EXERCISE_TYPES.get(key(exerciseType)) ?? 'other';
}

/** The Google exercise type for a canonical sport: the column's first name; `OTHER` for `other`. */
export function sportToGoogle(sport: SportType): string {
  return writtenName('googleHealth', sport);
}
