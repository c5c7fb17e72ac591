import type { SportType } from '../records/sport.js';

/**
 * Sports that providers label differently for one activity: a watch says `running` where the
 * treadmill app says `treadmill_running`. `other` is what a mapping uses when it cannot place a
 * sport, so it may stand for anything.
 */
const FAMILIES: readonly (readonly SportType[])[] = [
  ['running', 'trail_running', 'treadmill_running'],
  ['cycling', 'mountain_biking', 'indoor_cycling'],
  ['walking', 'hiking'],
  ['swimming', 'open_water_swimming'],
];

const familyOf = new Map<SportType, number>(
  FAMILIES.flatMap((family, index) => family.map((sport) => [sport, index] as const)),
);

/** Symmetric and reflexive; `other` is compatible with every sport. */
export function sportsCompatible(a: SportType, b: SportType): boolean {
  if (a === b || a === 'other' || b === 'other') return true;
  const family = familyOf.get(a);
  return family !== undefined && family === familyOf.get(b);
}
