import type {
  BodyMeasurement,
  CanonicalRecord,
  Provenance,
  SleepSession,
  TrackPoint,
  Workout,
} from '@syncwell/core';
import type { WriteTag } from '../health-store-port.js';
import { HK_ACTIVITY_TO_SPORT, HK_OTHER, codeForSport } from './sport-codes.js';

/**
 * The fields of a HealthKit sample the mapper reads. Declared here rather than imported from a
 * bridge library so the SDK depends on no native module; the testbed's simulated samples and a
 * thin translation of `@kingstinct/react-native-healthkit`'s samples both fit it.
 */
export interface HealthKitSampleLike {
  readonly uuid: string;
  readonly typeIdentifier: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly quantity?: number;
  readonly categoryValue?: number;
  readonly workout?: {
    readonly activityType: number;
    readonly totalDistanceM?: number;
    readonly totalEnergyKcal?: number;
  };
  readonly sourceRevision: { readonly bundleId: string };
  readonly device?: { readonly manufacturer?: string; readonly model?: string };
  readonly metadata: {
    readonly HKMetadataKeySyncIdentifier?: string;
    readonly HKMetadataKeySyncVersion?: number;
    readonly utcOffsetMinutes?: number;
  };
}

export interface HealthKitLocationLike {
  readonly timestamp: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude?: number;
}

/** A sample to save: `HKSampleInput` in the testbed, `saveWorkoutSample` / `saveQuantitySample` arguments on a phone. */
export interface HealthKitSampleInput {
  readonly typeIdentifier: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly quantity?: number;
  readonly categoryValue?: number;
  readonly workout?: {
    readonly activityType: number;
    readonly totalDistanceM?: number;
    readonly totalEnergyKcal?: number;
  };
  readonly metadata: {
    readonly HKMetadataKeySyncIdentifier: string;
    readonly HKMetadataKeySyncVersion: number;
    readonly utcOffsetMinutes: number;
  };
}

const iso = (text: string): string => new Date(Date.parse(text)).toISOString();

function provenanceOf(sample: HealthKitSampleLike, ownBundleId: string): Provenance {
  const syncTag = sample.metadata.HKMetadataKeySyncIdentifier;
  return {
    provider: 'apple_health',
    externalId: sample.uuid,
    ...(sample.device !== undefined ? { device: { ...sample.device } } : {}),
    ...(sample.sourceRevision.bundleId === ownBundleId && syncTag !== undefined ? { syncTag } : {}),
  };
}

/**
 * A HealthKit sample as a canonical record, or `undefined` for a type this slice does not
 * upload (steps and sleep stages need per-day/per-night aggregation first; see docs/device-sync.md).
 */
export function fromHealthKit(
  sample: HealthKitSampleLike,
  ownBundleId: string,
  route: readonly HealthKitLocationLike[] = [],
): CanonicalRecord | undefined {
  const base = {
    provenance: provenanceOf(sample, ownBundleId),
    utcOffsetMinutes: sample.metadata.utcOffsetMinutes ?? 0,
  };
  switch (sample.typeIdentifier) {
    case 'HKWorkoutTypeIdentifier': {
      const w = sample.workout;
      if (w === undefined) return undefined;
      const track: TrackPoint[] = route.map((p) => ({
        time: iso(p.timestamp),
        lat: p.latitude,
        lon: p.longitude,
        ...(p.altitude !== undefined ? { altitudeM: p.altitude } : {}),
      }));
      const workout: Workout = {
        type: 'workout',
        ...base,
        sport: HK_ACTIVITY_TO_SPORT[w.activityType] ?? 'other',
        startTime: iso(sample.startDate),
        endTime: iso(sample.endDate),
        laps: [],
        ...(w.totalDistanceM !== undefined ? { distance: { value: w.totalDistanceM, unit: 'm' } } : {}),
        ...(w.totalEnergyKcal !== undefined ? { energy: { value: w.totalEnergyKcal, unit: 'kcal' } } : {}),
        ...(track.length > 0 ? { track } : {}),
      };
      return workout;
    }
    case 'HKQuantityTypeIdentifierBodyMass': {
      if (sample.quantity === undefined) return undefined;
      const m: BodyMeasurement = {
        type: 'body_measurement',
        ...base,
        time: iso(sample.startDate),
        weight: { value: sample.quantity, unit: 'kg' },
      };
      return m;
    }
    default:
      return undefined;
  }
}

/** HealthKit sleep-analysis raw values for canonical stages. [U] numbering (providers/healthkit.md). */
const HK_SLEEP_VALUE: Readonly<Record<SleepSession['stages'][number]['stage'], number>> = {
  asleep_unspecified: 1,
  awake: 2,
  light: 3,
  deep: 4,
  rem: 5,
};

/**
 * A canonical record as HealthKit samples, each carrying the write tag (a sleep night becomes
 * one category sample per stage, sync identifier suffixed by its index). A workout's route is
 * returned separately: it is saved after the workout, pointing at the workout's UUID.
 */
export function toHealthKit(
  record: CanonicalRecord,
  tag: WriteTag,
): { samples: HealthKitSampleInput[]; route?: HealthKitLocationLike[] } | undefined {
  const meta = (suffix = '') => ({
    HKMetadataKeySyncIdentifier: `${tag.id}${suffix}`,
    HKMetadataKeySyncVersion: tag.version,
    utcOffsetMinutes: record.utcOffsetMinutes,
  });
  switch (record.type) {
    case 'workout': {
      const sample: HealthKitSampleInput = {
        typeIdentifier: 'HKWorkoutTypeIdentifier',
        startDate: record.startTime,
        endDate: record.endTime,
        workout: {
          activityType: codeForSport(HK_ACTIVITY_TO_SPORT, record.sport, HK_OTHER),
          ...(record.distance !== undefined ? { totalDistanceM: record.distance.value } : {}),
          ...(record.energy !== undefined ? { totalEnergyKcal: record.energy.value } : {}),
        },
        metadata: meta(),
      };
      const route = record.track?.map((p) => ({
        timestamp: p.time,
        latitude: p.lat,
        longitude: p.lon,
        ...(p.altitudeM !== undefined ? { altitude: p.altitudeM } : {}),
      }));
      return route !== undefined && route.length > 0 ? { samples: [sample], route } : { samples: [sample] };
    }
    case 'body_measurement': {
      const samples: HealthKitSampleInput[] = [];
      if (record.weight !== undefined) {
        samples.push({
          typeIdentifier: 'HKQuantityTypeIdentifierBodyMass',
          startDate: record.time,
          endDate: record.time,
          quantity: record.weight.value,
          metadata: meta(),
        });
      }
      if (record.bodyFat !== undefined) {
        // HealthKit's percent unit is a fraction (0.2 = 20 %).
        samples.push({
          typeIdentifier: 'HKQuantityTypeIdentifierBodyFatPercentage',
          startDate: record.time,
          endDate: record.time,
          quantity: record.bodyFat.value / 100,
          metadata: meta(':fat'),
        });
      }
      return { samples };
    }
    case 'sleep':
      return {
        samples: record.stages.map((s, i) => ({
          typeIdentifier: 'HKCategoryTypeIdentifierSleepAnalysis',
          startDate: s.startTime,
          endDate: s.endTime,
          categoryValue: HK_SLEEP_VALUE[s.stage],
          metadata: meta(`:${i}`),
        })),
      };
    default:
      return undefined;
  }
}
