/**
 * The slice of Health Connect's record model the simulated phone reproduces, shaped like
 * `react-native-health-connect`'s records (record type names, `metadata`, ISO instants).
 */
export const HC_RECORD_TYPES = ['Steps', 'HeartRate', 'Weight', 'SleepSession', 'ExerciseSession'] as const;
export type HCRecordType = (typeof HC_RECORD_TYPES)[number];

/** `SleepSessionRecord.STAGE_TYPE_*`. [U] numbering, see providers/health-connect.md. */
export const HC_SLEEP_STAGE = {
  unknown: 0,
  awake: 1,
  sleeping: 2,
  outOfBed: 3,
  light: 4,
  deep: 5,
  rem: 6,
  awakeInBed: 7,
} as const;

/** `ExerciseSessionRecord.EXERCISE_TYPE_*` values the mapper knows. */
export const HC_EXERCISE = {
  biking: 8,
  hiking: 37,
  running: 56,
  runningTreadmill: 57,
  strengthTraining: 70,
  swimmingOpenWater: 73,
  swimmingPool: 74,
  walking: 79,
  yoga: 83,
  otherWorkout: 0,
} as const;

export interface HCMetadata {
  readonly id: string;
  readonly dataOrigin: string;
  readonly lastModifiedTime: string;
  readonly clientRecordId?: string;
  readonly clientRecordVersion: number;
  readonly device?: { readonly manufacturer?: string; readonly model?: string };
}

export interface HCRoutePoint {
  readonly time: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude?: number;
}

interface HCBase {
  readonly startZoneOffsetMinutes?: number;
}
export type HCRecordBody =
  | (HCBase & {
      readonly recordType: 'Steps';
      readonly startTime: string;
      readonly endTime: string;
      readonly count: number;
    })
  | (HCBase & {
      readonly recordType: 'HeartRate';
      readonly startTime: string;
      readonly endTime: string;
      readonly samples: readonly { readonly time: string; readonly beatsPerMinute: number }[];
    })
  | (HCBase & { readonly recordType: 'Weight'; readonly time: string; readonly weightKg: number })
  | (HCBase & {
      readonly recordType: 'SleepSession';
      readonly startTime: string;
      readonly endTime: string;
      readonly stages: readonly {
        readonly startTime: string;
        readonly endTime: string;
        readonly stage: number;
      }[];
    })
  | (HCBase & {
      readonly recordType: 'ExerciseSession';
      readonly startTime: string;
      readonly endTime: string;
      readonly exerciseType: number;
      readonly title?: string;
      readonly distanceM?: number;
      readonly energyKcal?: number;
      /** Read through `ExerciseRouteResult`; needs READ_EXERCISE_ROUTES besides READ_EXERCISE. */
      readonly exerciseRoute?: readonly HCRoutePoint[];
    });

/** What an app inserts: the record plus the metadata fields an app may set. */
export type HCRecordInput = HCRecordBody & {
  readonly metadata?: {
    readonly clientRecordId?: string;
    readonly clientRecordVersion?: number;
    readonly device?: HCMetadata['device'];
  };
};
export type HCRecord = HCRecordBody & { readonly metadata: HCMetadata };

export type HCChange =
  | { readonly kind: 'upsertion'; readonly record: HCRecord }
  | { readonly kind: 'deletion'; readonly recordId: string };

/** `getChanges`' answer. */
export interface HCChangesResponse {
  readonly changes: readonly HCChange[];
  readonly nextChangesToken: string;
  readonly hasMore: boolean;
  /** The token is older than the change log's retention: re-read everything, then take a new token. */
  readonly changesTokenExpired: boolean;
}

export type HCPermission =
  | { readonly accessType: 'read' | 'write'; readonly recordType: HCRecordType | 'ExerciseRoute' }
  | {
      readonly accessType: 'special';
      readonly permission: 'READ_HEALTH_DATA_HISTORY' | 'READ_HEALTH_DATA_IN_BACKGROUND';
    };

/** The record's instant for the history wall: `time` or `startTime`. */
export function hcRecordTime(r: HCRecordBody): string {
  return r.recordType === 'Weight' ? r.time : r.startTime;
}
