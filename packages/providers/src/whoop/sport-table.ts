import type { SportType } from '@syncwell/core';
import { sportIndex } from '../sports/sport-column.js';

/** WHOOP v2 `sport_name` is lower case with spaces (`hiking/rucking`, `spin`). */
const key = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');
const BY_NAME = sportIndex('whoop', key);
/** v1 numeric ids still carried as `sport_id` (0 running, 1 cycling, 33 swimming, 44 yoga, ...). */
const BY_ID = sportIndex('whoopId', String);

/**
 * WHOOP (the `whoop` and `whoopId` columns of the sport mapping table) → canonical. v2 prefers
 * `sport_name`; `sport_id` is the fallback for older payloads without one. Unknown → `other`.
 */
export function sportFromWhoop(name: string | null | undefined, id: number | null | undefined): SportType {
  const named = name === null || name === undefined ? '' : key(name);
  if (named !== '') return BY_NAME.get(named) ?? 'other';
  return id === null || id === undefined ? 'other' : (BY_ID.get(String(id)) ?? 'other');
}
