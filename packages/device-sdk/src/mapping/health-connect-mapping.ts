import type { CanonicalRecord, DataType, Provenance, SleepStage } from '@syncwell/core';
import type { WriteTag } from '../health-store-port.js';
import { HC_EXERCISE_TO_SPORT, HC_OTHER, codeForSport } from './sport-codes.js';

/** Health Connect record types this slice reads and writes, per canonical data type. */
export const HC_RECORD_TYPE_OF: Partial<Record<DataType, HealthConnectRecordType>> = {
  workout: 'ExerciseSession',
  body_measurement: 'Weight',
  sleep: 'SleepSession',
};
export type HealthConnectRecordType = 'ExerciseSession' | 'Weight' | 'SleepSession';

interface HcRoutePoint {
  readonly time: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude?: number;
}
interface HcBody {
  readonly startZoneOffsetMinutes?: number;
}
/**
 * The fields of a Health Connect record the mapper reads and writes, shaped like
 * `react-native-health-connect`'s records (flattened units). Declared here so the SDK depends on
 * no native module.
 */
export type HealthConnectRecordBody =
  | (HcBody & {
      readonly recordType: 'ExerciseSession';
      readonly startTime: string;
      readonly endTime: string;
      readonly exerciseType: number;
      readonly title?: string;
      readonly distanceM?: number;
      readonly energyKcal?: number;
      readonly exerciseRoute?: readonly HcRoutePoint[];
    })
  | (HcBody & { readonly recordType: 'Weight'; readonly time: string; readonly weightKg: number })
  | (HcBody & {
      readonly recordType: 'SleepSession';
      readonly startTime: string;
      readonly endTime: string;
      readonly stages: readonly {
        readonly startTime: string;
        readonly endTime: string;
        readonly stage: number;
      }[];
    });

export type HealthConnectRecordLike = { readonly recordType: string } & {
  readonly metadata: {
    readonly id: string;
    readonly dataOrigin: string;
    readonly clientRecordId?: string;
    readonly device?: { readonly manufacturer?: string; readonly model?: string };
  };
};

/** `SleepSessionRecord.STAGE_TYPE_*` ↔ canonical stages. [U] numbering (providers/health-connect.md). */
const HC_STAGE_TO_CANONICAL: Readonly<Record<number, SleepStage['stage']>> = {
  1: 'awake',
  2: 'asleep_unspecified',
  4: 'light',
  5: 'deep',
  6: 'rem',
  7: 'awake',
};
const CANONICAL_TO_HC_STAGE: Readonly<Record<SleepStage['stage'], number>> = {
  awake: 1,
  asleep_unspecified: 2,
  light: 4,
  deep: 5,
  rem: 6,
};

const iso = (text: string): string => new Date(Date.parse(text)).toISOString();

function provenanceOf(meta: HealthConnectRecordLike['metadata'], ownPackage: string): Provenance {
  return {
    provider: 'health_connect',
    externalId: meta.id,
    ...(meta.device !== undefined ? { device: { ...meta.device } } : {}),
    ...(meta.dataOrigin === ownPackage && meta.clientRecordId !== undefined
      ? { syncTag: meta.clientRecordId }
      : {}),
  };
}

function isKnown(
  record: HealthConnectRecordLike,
): record is HealthConnectRecordLike & HealthConnectRecordBody {
  return (
    record.recordType === 'ExerciseSession' ||
    record.recordType === 'Weight' ||
    record.recordType === 'SleepSession'
  );
}

/** A Health Connect record as a canonical record, or `undefined` for a type this slice does not map. */
export function fromHealthConnect(
  record: HealthConnectRecordLike,
  ownPackage: string,
): CanonicalRecord | undefined {
  if (!isKnown(record)) return undefined;
  const base = {
    provenance: provenanceOf(record.metadata, ownPackage),
    utcOffsetMinutes: record.startZoneOffsetMinutes ?? 0,
  };
  switch (record.recordType) {
    case 'ExerciseSession':
      return {
        type: 'workout',
        ...base,
        sport: HC_EXERCISE_TO_SPORT[record.exerciseType] ?? 'other',
        startTime: iso(record.startTime),
        endTime: iso(record.endTime),
        laps: [],
        ...(record.title !== undefined ? { name: record.title } : {}),
        ...(record.distanceM !== undefined ? { distance: { value: record.distanceM, unit: 'm' } } : {}),
        ...(record.energyKcal !== undefined ? { energy: { value: record.energyKcal, unit: 'kcal' } } : {}),
        ...(record.exerciseRoute !== undefined && record.exerciseRoute.length > 0
          ? {
              track: record.exerciseRoute.map((p) => ({
                time: iso(p.time),
                lat: p.latitude,
                lon: p.longitude,
                ...(p.altitude !== undefined ? { altitudeM: p.altitude } : {}),
              })),
            }
          : {}),
      };
    case 'Weight':
      return {
        type: 'body_measurement',
        ...base,
        time: iso(record.time),
        weight: { value: record.weightKg, unit: 'kg' },
      };
    case 'SleepSession':
      return {
        type: 'sleep',
        ...base,
        startTime: iso(record.startTime),
        endTime: iso(record.endTime),
        stages: record.stages.flatMap((s) => {
          const stage = HC_STAGE_TO_CANONICAL[s.stage];
          return stage === undefined ? [] : [{ stage, startTime: iso(s.startTime), endTime: iso(s.endTime) }];
        }),
      };
  }
}

/** A canonical record as a Health Connect record carrying the write tag, or `undefined` if unmapped. */
export function toHealthConnect(
  record: CanonicalRecord,
  tag: WriteTag,
):
  | (HealthConnectRecordBody & { metadata: { clientRecordId: string; clientRecordVersion: number } })
  | undefined {
  const metadata = { clientRecordId: tag.id, clientRecordVersion: tag.version };
  const startZoneOffsetMinutes = record.utcOffsetMinutes;
  switch (record.type) {
    case 'workout':
      return {
        recordType: 'ExerciseSession',
        startTime: record.startTime,
        endTime: record.endTime,
        startZoneOffsetMinutes,
        exerciseType: codeForSport(HC_EXERCISE_TO_SPORT, record.sport, HC_OTHER),
        ...(record.name !== undefined ? { title: record.name } : {}),
        ...(record.distance !== undefined ? { distanceM: record.distance.value } : {}),
        ...(record.energy !== undefined ? { energyKcal: record.energy.value } : {}),
        ...(record.track !== undefined && record.track.length > 0
          ? {
              exerciseRoute: record.track.map((p) => ({
                time: p.time,
                latitude: p.lat,
                longitude: p.lon,
                ...(p.altitudeM !== undefined ? { altitude: p.altitudeM } : {}),
              })),
            }
          : {}),
        metadata,
      };
    case 'body_measurement':
      return record.weight === undefined
        ? undefined
        : {
            recordType: 'Weight',
            time: record.time,
            weightKg: record.weight.value,
            startZoneOffsetMinutes,
            metadata,
          };
    case 'sleep':
      return {
        recordType: 'SleepSession',
        startTime: record.startTime,
        endTime: record.endTime,
        startZoneOffsetMinutes,
        stages: record.stages.map((s) => ({
          startTime: s.startTime,
          endTime: s.endTime,
          stage: CANONICAL_TO_HC_STAGE[s.stage],
        })),
        metadata,
      };
    default:
      return undefined;
  }
}
