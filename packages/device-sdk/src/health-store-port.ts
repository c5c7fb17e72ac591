import type { CanonicalRecord, DataType } from '@syncwell/core';

export type DevicePlatform = 'apple_health' | 'health_connect';

/** A record read from the phone's store, already mapped to core's canonical model. */
export interface DeviceRecord {
  /** The store's own id (HealthKit sample UUID, Health Connect `metadata.id`). */
  readonly deviceId: string;
  /** Who wrote it: HealthKit source bundle id, Health Connect `dataOrigin` package name. */
  readonly origin: string;
  /** SyncWell's tag when SyncWell wrote it (sync identifier / client record id). */
  readonly syncTag?: string;
  readonly record: CanonicalRecord;
}

/** What changed for one data type since a cursor. */
export interface DeviceChanges {
  readonly upserts: readonly DeviceRecord[];
  /** Store ids of records deleted since the cursor. */
  readonly deletions: readonly string[];
  /** Persist it; pass it back next time. Opaque (an archived HKQueryAnchor, a changes token). */
  readonly nextCursor: string;
  /** More changes wait behind `nextCursor`. */
  readonly hasMore: boolean;
  /**
   * The cursor is too old to continue from (Health Connect tokens live 30 days): the caller
   * re-reads from `null`, and the backend's ledger absorbs what it already has.
   */
  readonly cursorExpired: boolean;
}

/** The tag a write carries so that a repeat after a crash upserts instead of duplicating. */
export interface WriteTag {
  /** `HKMetadataKeySyncIdentifier` / `clientRecordId`. */
  readonly id: string;
  /** `HKMetadataKeySyncVersion` / `clientRecordVersion`: a higher version replaces the stored one. */
  readonly version: number;
}

/** Read access as the store lets us know it. HealthKit never discloses read denial: `unknown`. */
export type ReadAccess = 'granted' | 'denied' | 'unknown';
export type WriteAccess = 'granted' | 'denied';

export interface TypeAccess {
  readonly dataType: DataType;
  readonly read: ReadAccess;
  readonly write: WriteAccess;
}

export interface StoreAccess {
  readonly types: readonly TypeAccess[];
  /** Health Connect without READ_HEALTH_DATA_HISTORY: reads stop this many days before the first grant. */
  readonly historyLimitedDays?: number;
}

/**
 * The phone's health store (HealthKit or Health Connect) as the SDK needs it. Adapters wrap a
 * bridge library (`@kingstinct/react-native-healthkit`, `react-native-health-connect`) or the
 * testbed's simulated phone. The port deliberately knows nothing of batching, retries or the
 * backend: those belong to the SDK; an adapter maps and calls the store, nothing more.
 *
 * @example
 *   const changes = await store.readChanges('workout', savedCursor, 200);
 */
export interface HealthStorePort {
  readonly platform: DevicePlatform;
  /** SyncWell's own bundle id / package name: records with this origin are ours. */
  readonly ownOrigin: string;
  /** Changes since `cursor` (`null`: everything readable). A denied HealthKit read returns no changes. */
  readChanges(dataType: DataType, cursor: string | null, limit: number): Promise<DeviceChanges>;
  /** Writes idempotently under `tag`; returns the store id of the stored record. */
  write(record: CanonicalRecord, tag: WriteTag): Promise<{ readonly deviceId: string }>;
  access(dataTypes: readonly DataType[]): Promise<StoreAccess>;
}
