import type { RecordOf } from '@syncwell/core';
import type { MergeableType } from './conflict-pair.js';

/**
 * The fields a suggestion decides, per type, in a fixed order (the model has one classifier per
 * field). Everything else in a record follows one of these: a workout's `name` goes with its
 * `sport`, its `laps` with its `distance`; `type`, a day's `date` and `provenance` are the slot
 * and the record's identity, not values to choose.
 */
export const MERGE_FIELDS = {
  workout: [
    'sport',
    'startTime',
    'endTime',
    'utcOffsetMinutes',
    'movingTime',
    'distance',
    'energy',
    'heartRate',
    'track',
  ],
  daily_activity: [
    'utcOffsetMinutes',
    'steps',
    'distance',
    'activeEnergy',
    'totalEnergy',
    'activeTime',
    'restingHeartRate',
  ],
  sleep: ['startTime', 'endTime', 'utcOffsetMinutes', 'stages'],
  body_measurement: ['time', 'utcOffsetMinutes', 'weight', 'bodyFat'],
} as const satisfies { readonly [T in MergeableType]: readonly (keyof RecordOf<T>)[] };

export type MergeField<T extends MergeableType = MergeableType> = (typeof MERGE_FIELDS)[T][number];

/** Fields that travel with a decided field (see MERGE_FIELDS). */
export const FIELD_COMPANIONS: { readonly [T in MergeableType]?: Readonly<Record<string, string>> } = {
  workout: { sport: 'name', distance: 'laps' },
};

/** The one field whose value can be joined from both sides rather than taken from one. */
export function canJoin(dataType: MergeableType, field: string): boolean {
  return dataType === 'workout' && field === 'track';
}
