import { SyncWellError, type DataType } from '@syncwell/core';

/** The store refused a read or write for a data type (Health Connect's SecurityException, HealthKit's authorization error). */
export class DevicePermissionError extends SyncWellError {
  constructor(
    readonly dataType: DataType,
    readonly access: 'read' | 'write',
  ) {
    super('SW_DEVICE_PERMISSION_DENIED', undefined, { dataType, access });
  }
}

/** The store's read quota is used up (Health Connect); the run stops and the next one continues. */
export class DeviceStoreQuotaError extends SyncWellError {
  constructor() {
    super('SW_DEVICE_STORE_QUOTA');
  }
}
