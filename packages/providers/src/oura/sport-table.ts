import type { SportType } from '@syncwell/core';

/**
 * Oura `workout.activity` names → canonical sport. Oura writes them in lower case (`walking`,
 * `cycling`); some arrive camel-cased (`strengthTraining`), so names are normalised to snake case
 * first. Unknown names map to `other` rather than a guess.
 */
const OURA_SPORTS: Readonly<Record<string, SportType>> = {
  running: 'running',
  trail_running: 'trail_running',
  treadmill_running: 'treadmill_running',
  walking: 'walking',
  hiking: 'hiking',
  cycling: 'cycling',
  mountain_biking: 'mountain_biking',
  indoor_cycling: 'indoor_cycling',
  stationary_bike: 'indoor_cycling',
  swimming: 'swimming',
  open_water_swimming: 'open_water_swimming',
  rowing: 'rowing',
  cross_country_skiing: 'cross_country_skiing',
  strength_training: 'strength_training',
  weightlifting: 'strength_training',
  yoga: 'yoga',
};

export function sportFromOura(activity: string): SportType {
  const key = activity
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return OURA_SPORTS[key] ?? 'other';
}
