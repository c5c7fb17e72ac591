import type { CanonicalRecord, DataType } from '@syncwell/core';
import {
  HCQuotaExceededException,
  HCSecurityException,
  type HCRecord,
  type HealthConnectApp,
  type SimulatedHealthConnect,
} from '@syncwell/testbed';
import { DevicePermissionError, DeviceStoreQuotaError } from '../device-errors.js';
import type {
  DeviceChanges,
  DeviceRecord,
  HealthStorePort,
  StoreAccess,
  WriteTag,
} from '../health-store-port.js';
import { HC_RECORD_TYPE_OF, fromHealthConnect, toHealthConnect } from '../mapping/health-connect-mapping.js';

/** A full re-read in progress: the changes token taken before it, and the read's page token. */
interface FullReadCursor {
  readonly full: string;
  readonly page?: string;
}

const HISTORY_DAYS = 30;

/**
 * `HealthStorePort` over the testbed's simulated Health Connect. A `null` cursor is a full read:
 * a changes token is taken first, so nothing written during the (paged) read is lost, and the
 * cursor becomes that token when the read is done.
 */
export class SimulatedHealthConnectStore implements HealthStorePort {
  readonly platform = 'health_connect' as const;
  readonly ownOrigin: string;

  constructor(
    private readonly app: HealthConnectApp,
    private readonly store: SimulatedHealthConnect,
  ) {
    this.ownOrigin = app.packageName;
  }

  readChanges(dataType: DataType, cursor: string | null, limit: number): Promise<DeviceChanges> {
    const recordType = HC_RECORD_TYPE_OF[dataType];
    if (recordType === undefined) {
      return Promise.resolve({
        upserts: [],
        deletions: [],
        nextCursor: cursor ?? '',
        hasMore: false,
        cursorExpired: false,
      });
    }
    try {
      if (cursor === null) {
        // The token first, saved as its own step: the read that follows may be cut by a quota or
        // the deadline, and must not cost a new token (and a re-read) every run.
        const token = this.app.getChangesToken([recordType]);
        return Promise.resolve({
          upserts: [],
          deletions: [],
          nextCursor: JSON.stringify({ full: token }),
          hasMore: true,
          cursorExpired: false,
        });
      }
      const full = parseFull(cursor);
      if (full !== undefined) {
        const page = this.app.readRecords(recordType, {
          pageSize: limit,
          ...(full.page !== undefined ? { pageToken: full.page } : {}),
        });
        const next =
          page.pageToken === undefined
            ? full.full
            : JSON.stringify({ full: full.full, page: page.pageToken });
        return Promise.resolve({
          upserts: this.mapAll(page.records),
          deletions: [],
          nextCursor: next,
          hasMore: page.pageToken !== undefined,
          cursorExpired: false,
        });
      }
      const r = this.app.getChanges(cursor);
      if (r.changesTokenExpired) {
        return Promise.resolve({
          upserts: [],
          deletions: [],
          nextCursor: cursor,
          hasMore: false,
          cursorExpired: true,
        });
      }
      return Promise.resolve({
        upserts: this.mapAll(r.changes.flatMap((c) => (c.kind === 'upsertion' ? [c.record] : []))),
        deletions: r.changes.flatMap((c) => (c.kind === 'deletion' ? [c.recordId] : [])),
        nextCursor: r.nextChangesToken,
        hasMore: r.hasMore,
        cursorExpired: false,
      });
    } catch (error) {
      if (error instanceof HCSecurityException)
        return Promise.reject(new DevicePermissionError(dataType, 'read'));
      if (error instanceof HCQuotaExceededException) return Promise.reject(new DeviceStoreQuotaError());
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  write(record: CanonicalRecord, tag: WriteTag): Promise<{ readonly deviceId: string }> {
    const mapped = toHealthConnect(record, tag);
    if (mapped === undefined) return Promise.reject(new DevicePermissionError(record.type, 'write'));
    try {
      const [id] = this.app.insertRecords([mapped]);
      return Promise.resolve({ deviceId: id ?? '' });
    } catch (error) {
      if (error instanceof HCSecurityException)
        return Promise.reject(new DevicePermissionError(record.type, 'write'));
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  access(dataTypes: readonly DataType[]): Promise<StoreAccess> {
    const pkg = this.app.packageName;
    const types = dataTypes.map((dataType) => {
      const recordType = HC_RECORD_TYPE_OF[dataType];
      const has = (accessType: 'read' | 'write'): boolean =>
        recordType !== undefined && this.store.has(pkg, { accessType, recordType });
      return {
        dataType,
        read: has('read') ? ('granted' as const) : ('denied' as const),
        write: has('write') ? ('granted' as const) : ('denied' as const),
      };
    });
    const history = this.store.has(pkg, { accessType: 'special', permission: 'READ_HEALTH_DATA_HISTORY' });
    return Promise.resolve(history ? { types } : { types, historyLimitedDays: HISTORY_DAYS });
  }

  private mapAll(records: readonly HCRecord[]): DeviceRecord[] {
    return records.flatMap((r) => {
      const record = fromHealthConnect(r, this.ownOrigin);
      if (record === undefined) return [];
      const syncTag = r.metadata.clientRecordId;
      return [
        {
          deviceId: r.metadata.id,
          origin: r.metadata.dataOrigin,
          ...(syncTag !== undefined ? { syncTag } : {}),
          record,
        },
      ];
    });
  }
}

function parseFull(cursor: string): FullReadCursor | undefined {
  if (!cursor.startsWith('{')) return undefined;
  return JSON.parse(cursor) as FullReadCursor;
}
