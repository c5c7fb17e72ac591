import type { SportType } from '@syncwell/core';

/**
 * WHOOP v2 `sport_name` (lower-case, e.g. "running", "hiking/rucking", "spin") → canonical sport.
 * v2 prefers `sport_name`; `sport_id` is the fallback for older payloads. Unknown names become
 * `other` rather than a guess.
 */
const BY_NAME: Readonly<Record<string, SportType>> = {
  running: 'running',
  'trail running': 'trail_running',
  'track & field': 'running',
  walking: 'walking',
  'hiking/rucking': 'hiking',
  hiking: 'hiking',
  cycling: 'cycling',
  'mountain biking': 'mountain_biking',
  spin: 'indoor_cycling',
  'indoor cycling': 'indoor_cycling',
  swimming: 'swimming',
  rowing: 'rowing',
  'cross country skiing': 'cross_country_skiing',
  weightlifting: 'strength_training',
  powerlifting: 'strength_training',
  'functional fitness': 'strength_training',
  yoga: 'yoga',
};

/** v1 numeric ids still carried as `sport_id` (0 running, 1 cycling, 33 swimming, 44 yoga, ...). */
const BY_ID: Readonly<Record<number, SportType>> = {
  0: 'running',
  1: 'cycling',
  18: 'rowing',
  33: 'swimming',
  44: 'yoga',
  45: 'strength_training',
  52: 'hiking',
  57: 'mountain_biking',
  63: 'walking',
};

export function sportFromWhoop(name: string | null | undefined, id: number | null | undefined): SportType {
  const key = name?.trim().toLowerCase().replace(/\s+/g, ' ');
  if (key !== undefined && key !== '') return BY_NAME[key] ?? 'other';
  return id === null || id === undefined ? 'other' : (BY_ID[id] ?? 'other');
}
