import type { CanonicalRecord, DataType, ErrorCode } from '@syncwell/core';
import type { WriteTag } from './health-store-port.js';

/** One change the phone uploads. `itemId` is stable across retries (platform, type, store id). */
export type UploadItem =
  | {
      readonly itemId: string;
      readonly op: 'upsert';
      readonly dataType: DataType;
      readonly record: CanonicalRecord;
    }
  | {
      readonly itemId: string;
      readonly op: 'delete';
      readonly dataType: DataType;
      readonly deviceId: string;
    };

export interface UploadBatch {
  /** Idempotency key: the backend answers a repeated batch id from its first answer or ledger. */
  readonly batchId: string;
  readonly items: readonly UploadItem[];
}

/** The backend's verdict per item: a catalogued code (`SW_ITEM_*`, `SW_PROVIDER_*`). */
export interface UploadItemResult {
  readonly itemId: string;
  readonly code: ErrorCode;
}

/** A record the backend wants written on the phone, read from its source at pull time. */
export interface PendingWrite {
  readonly writeId: string;
  readonly dataType: DataType;
  readonly tag: WriteTag;
  readonly record: CanonicalRecord;
}

export interface WriteAck {
  readonly writeId: string;
  /** The store id (HealthKit UUID / Health Connect id) for the ledger; absent on failure. */
  readonly deviceRecordId?: string;
  readonly code: ErrorCode;
}

/**
 * The backend's `/v1/device/...` API as the SDK needs it: upload, pull, acknowledge. The HTTP
 * adapter adds the device credential; the port carries no credentials, URLs or retry policy.
 * A thrown error means "no answer" (offline, 5xx): the SDK keeps the batch and backs off.
 */
export interface DeviceApiPort {
  upload(batch: UploadBatch): Promise<{ readonly results: readonly UploadItemResult[] }>;
  pullWrites(limit: number): Promise<readonly PendingWrite[]>;
  acknowledge(acks: readonly WriteAck[]): Promise<void>;
}
