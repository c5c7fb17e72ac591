import type { CanonicalRecord, DataType } from '@syncwell/core';
import {
  HK_TYPES,
  HKAuthorizationDeniedError,
  type HealthKitApp,
  type HKTypeIdentifier,
} from '@syncwell/testbed';
import { DevicePermissionError } from '../device-errors.js';
import type {
  DeviceChanges,
  DeviceRecord,
  HealthStorePort,
  StoreAccess,
  WriteTag,
} from '../health-store-port.js';
import { fromHealthKit, toHealthKit } from '../mapping/healthkit-mapping.js';

const HK_TYPE_OF: Partial<Record<DataType, HKTypeIdentifier>> = {
  workout: 'HKWorkoutTypeIdentifier',
  body_measurement: 'HKQuantityTypeIdentifierBodyMass',
  sleep: 'HKCategoryTypeIdentifierSleepAnalysis',
};

const isHkType = (t: string): t is HKTypeIdentifier => (HK_TYPES as readonly string[]).includes(t);

/** `HealthStorePort` over the testbed's simulated HealthKit, as an app's bridge adapter would be. */
export class SimulatedHealthKitStore implements HealthStorePort {
  readonly platform = 'apple_health' as const;
  readonly ownOrigin: string;

  constructor(private readonly app: HealthKitApp) {
    this.ownOrigin = app.source.bundleId;
  }

  readChanges(dataType: DataType, cursor: string | null, limit: number): Promise<DeviceChanges> {
    const type = HK_TYPE_OF[dataType];
    if (type === undefined) {
      return Promise.resolve({
        upserts: [],
        deletions: [],
        nextCursor: cursor ?? '',
        hasMore: false,
        cursorExpired: false,
      });
    }
    const r = this.app.queryAnchored(type, cursor === '' ? null : cursor, limit);
    const upserts: DeviceRecord[] = [];
    for (const sample of r.samples) {
      const route =
        type === 'HKWorkoutTypeIdentifier'
          ? this.app.workoutRoutes(sample.uuid).flatMap((s) => s.route?.locations ?? [])
          : [];
      const record = fromHealthKit(sample, this.ownOrigin, route);
      if (record === undefined) continue;
      const syncTag = sample.metadata.HKMetadataKeySyncIdentifier;
      upserts.push({
        deviceId: sample.uuid,
        origin: sample.sourceRevision.bundleId,
        ...(syncTag !== undefined ? { syncTag } : {}),
        record,
      });
    }
    return Promise.resolve({
      upserts,
      deletions: r.deletedObjects.map((d) => d.uuid),
      nextCursor: r.newAnchor,
      hasMore: limit > 0 && r.samples.length + r.deletedObjects.length >= limit,
      cursorExpired: false,
    });
  }

  write(record: CanonicalRecord, tag: WriteTag): Promise<{ readonly deviceId: string }> {
    const mapped = toHealthKit(record, tag);
    const first = mapped?.samples[0];
    if (mapped === undefined || first === undefined)
      return Promise.reject(new DevicePermissionError(record.type, 'write'));
    try {
      const saved = mapped.samples.map((s) => {
        if (!isHkType(s.typeIdentifier)) throw new DevicePermissionError(record.type, 'write');
        return this.app.save({ ...s, typeIdentifier: s.typeIdentifier });
      });
      const workout = saved[0];
      if (mapped.route !== undefined && workout !== undefined) {
        this.app.save({
          typeIdentifier: 'HKWorkoutRouteTypeIdentifier',
          startDate: workout.startDate,
          endDate: workout.endDate,
          route: { workoutUuid: workout.uuid, locations: mapped.route },
          metadata: { HKMetadataKeySyncIdentifier: `${tag.id}:route`, HKMetadataKeySyncVersion: tag.version },
        });
      }
      return Promise.resolve({ deviceId: workout?.uuid ?? '' });
    } catch (error) {
      if (error instanceof HKAuthorizationDeniedError)
        return Promise.reject(new DevicePermissionError(record.type, 'write'));
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  access(dataTypes: readonly DataType[]): Promise<StoreAccess> {
    return Promise.resolve({
      types: dataTypes.map((dataType) => {
        const type = HK_TYPE_OF[dataType];
        const write =
          type !== undefined && this.app.sharingStatus(type) === 'sharingAuthorized' ? 'granted' : 'denied';
        // HealthKit never discloses read denial.
        return { dataType, read: 'unknown' as const, write };
      }),
    });
  }
}
