import type { OuraCollection, OuraDocument } from './oura-state.js';

/**
 * How the fault model's `malformedPayload` breaks one item of each collection: it keeps `id`
 * (so a client can name the record) and breaks a field the schema requires.
 */
export function corruptOuraItem(collection: OuraCollection, item: OuraDocument): OuraDocument {
  switch (collection) {
    case 'workout':
      return { ...item, start_datetime: null, activity: 42 };
    case 'daily_activity':
      return { ...item, steps: 'many' };
    case 'sleep':
      return { ...item, bedtime_start: null };
    case 'daily_spo2':
      return { ...item, spo2_percentage: 'high' };
    case 'heartrate':
      return { ...item, bpm: null };
  }
}

/** The key the fault model remembers an item by (heart-rate samples have no id). */
export const itemKey = (collection: OuraCollection, item: OuraDocument): string =>
  `${collection}:${typeof item.id === 'string' ? item.id : String(item.timestamp)}`;
