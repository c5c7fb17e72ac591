/**
 * The slice of HealthKit's data model the simulated phone reproduces. Identifiers use HealthKit's
 * own raw strings (the ones `@kingstinct/react-native-healthkit` passes through), so an adapter
 * to the real bridge maps nothing.
 */
export const HK_TYPES = [
  'HKQuantityTypeIdentifierStepCount',
  'HKQuantityTypeIdentifierHeartRate',
  'HKQuantityTypeIdentifierBodyMass',
  'HKQuantityTypeIdentifierBodyFatPercentage',
  'HKCategoryTypeIdentifierSleepAnalysis',
  'HKWorkoutTypeIdentifier',
  'HKWorkoutRouteTypeIdentifier',
] as const;
export type HKTypeIdentifier = (typeof HK_TYPES)[number];

/** `HKCategoryValueSleepAnalysis` raw values (iOS 16+ stages). [U] exact numbering, see providers/healthkit.md. */
export const HK_SLEEP = {
  inBed: 0,
  asleepUnspecified: 1,
  awake: 2,
  asleepCore: 3,
  asleepDeep: 4,
  asleepREM: 5,
} as const;

export interface HKSourceRevision {
  /** The writing app's bundle id (`HKSource.bundleIdentifier`). */
  readonly bundleId: string;
  readonly name: string;
}

export interface HKDevice {
  readonly manufacturer?: string;
  readonly model?: string;
}

export interface HKMetadata {
  readonly HKMetadataKeySyncIdentifier?: string;
  readonly HKMetadataKeySyncVersion?: number;
  readonly HKMetadataKeyWasUserEntered?: boolean;
  /** IANA zone name; HealthKit keeps the wearer's zone in metadata, not in the instant. */
  readonly HKMetadataKeyTimeZone?: string;
  /** Minutes east of UTC; the simulated phone's stand-in for resolving the zone name. */
  readonly utcOffsetMinutes?: number;
}

export interface HKLocation {
  readonly timestamp: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude?: number;
}

/** What an app hands to `save`: a sample without the fields the store assigns. */
export interface HKSampleInput {
  readonly typeIdentifier: HKTypeIdentifier;
  readonly startDate: string;
  readonly endDate: string;
  /** Quantity samples: value in the type's canonical unit (count, count/min, kg, %). */
  readonly quantity?: number;
  /** Category samples (sleep analysis). */
  readonly categoryValue?: number;
  /** Workouts. */
  readonly workout?: {
    readonly activityType: number;
    readonly totalDistanceM?: number;
    readonly totalEnergyKcal?: number;
  };
  /** Workout routes: the workout they belong to, and the series. */
  readonly route?: { readonly workoutUuid: string; readonly locations: readonly HKLocation[] };
  readonly device?: HKDevice;
  readonly metadata?: HKMetadata;
}

export interface HKSample extends HKSampleInput {
  readonly uuid: string;
  readonly sourceRevision: HKSourceRevision;
  readonly metadata: HKMetadata;
}

export interface HKDeletedObject {
  readonly uuid: string;
  readonly metadata: HKMetadata;
}

/** `HKAnchoredObjectQuery`'s answer. */
export interface HKAnchoredResult {
  readonly samples: readonly HKSample[];
  readonly deletedObjects: readonly HKDeletedObject[];
  /** Opaque; persist it and pass it back. */
  readonly newAnchor: string;
}

/** `HKWorkoutActivityType` raw values used by the mapper. */
export const HK_ACTIVITY = {
  cycling: 13,
  hiking: 24,
  running: 37,
  swimming: 46,
  traditionalStrengthTraining: 50,
  walking: 52,
  yoga: 57,
  other: 3000,
} as const;
