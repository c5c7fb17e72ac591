import type { RecordOf } from '@syncwell/core';

/**
 * The record types a conflict-merge suggestion covers: the ones where "the same slot with
 * different values" happens (a workout, a day's totals, a night, a weigh-in). Sample days
 * (heart rate, HRV, SpO2) are not merged field by field.
 */
export const MERGEABLE_TYPES = ['workout', 'daily_activity', 'sleep', 'body_measurement'] as const;
export type MergeableType = (typeof MERGEABLE_TYPES)[number];
export type MergeableRecord = RecordOf<MergeableType>;

/**
 * What recorded a side, as the platforms report it (Health Connect `Device.type`, HealthKit
 * `HKDevice.model`, a Garmin/Polar/Oura product). `other` is a known device of another kind.
 */
export const DEVICE_KINDS = [
  'watch',
  'band',
  'ring',
  'phone',
  'bike_computer',
  'chest_strap',
  'scale',
  'other',
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * What a real system knows about one side besides the record. Every field is optional: platforms
 * expose different subsets, and the model falls back on the values' own plausibility (pace for
 * the sport, stride length, stage detail, rounding...) when metadata is missing. Never put a
 * health value here; the record carries those.
 */
export interface ConflictSideMeta {
  /**
   * `manual`: typed in by the user (Strava/Garmin `manual`, HealthKit `HKWasUserEntered`, Health
   * Connect `RECORDING_METHOD_MANUAL_ENTRY`); `device`: measured by a device.
   */
  readonly entry?: 'device' | 'manual';
  /** The kind of device that recorded it, when known. */
  readonly deviceKind?: DeviceKind;
  /** When the platform last changed the record, UTC ISO-8601 (Health Connect `lastModifiedTime`, ...). */
  readonly lastModified?: string;
  /**
   * Whether the record's UTC offset agrees with the zone the platform reports for the user at that
   * time (Withings' IANA zone, the phone's zone, the offsets of the user's neighbouring records).
   */
  readonly offsetConsistent?: boolean;
  /**
   * Share of the record's span with heart-rate samples, 0..1: for a workout without a track, or a
   * day (how long the wearable was worn). Computed from the track's points when it has some.
   */
  readonly heartRateCoverage?: number;
}

/** One version of the conflicting record and what is known about it. */
export interface ConflictSide<R extends MergeableRecord = MergeableRecord> {
  readonly record: R;
  readonly meta: ConflictSideMeta;
}

/**
 * A conflict: the rule's source and its destination hold the same slot (the same workout, local
 * day, night or weigh-in) with different values. Both records have the same `type`.
 *
 * @example
 * const pair: ConflictPair = {
 *   dataType: 'workout',
 *   source: { record: garminRun, meta: { entry: 'device', deviceKind: 'watch' } },
 *   destination: { record: phoneRun, meta: { deviceKind: 'phone', lastModified: '2026-03-01T08:10:00Z' } },
 * };
 */
export type ConflictPair = {
  [T in MergeableType]: {
    readonly dataType: T;
    readonly source: ConflictSide<RecordOf<T>>;
    readonly destination: ConflictSide<RecordOf<T>>;
  };
}[MergeableType];

/** The two sides of a pair, named by role. */
export const SIDES = ['source', 'destination'] as const;
export type Side = (typeof SIDES)[number];
