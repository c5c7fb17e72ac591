import type { SportType } from '@syncwell/core';
import { sportIndex } from '../sports/sport-column.js';

/**
 * Oura writes `workout.activity` in lower case (`walking`, `cycling`); some arrive camel-cased
 * (`strengthTraining`), so names are normalised to snake case first.
 */
const key = (name: string): string =>
  name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const OURA_SPORTS = sportIndex('oura', key);

/** Oura `workout.activity` (the `oura` column of the sport mapping table) → canonical; unknown → `other`. */
export function sportFromOura(activity: string): SportType {
  return OURA_SPORTS.get(key(activity)) ?? 'other';
}
