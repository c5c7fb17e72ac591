import { describe, expect, it } from 'vitest';
import type { DataType } from '@syncwell/core';
import { DeviceSync, StoreCursorLoopError, SyncAlreadyRunningError } from './device-sync.js';
import type { DeviceChanges, HealthStorePort } from './health-store-port.js';
import { FakeDeviceApi } from './testing/fake-device-api.js';
import { MemoryDurableStore } from './testing/memory-durable-store.js';

/** A store whose every answer says the cursor expired (a broken bridge). */
class AlwaysExpiredStore implements HealthStorePort {
  readonly platform = 'health_connect' as const;
  readonly ownOrigin = 'org.syncwell.app';
  reads = 0;
  readChanges(): Promise<DeviceChanges> {
    this.reads += 1;
    return Promise.resolve({
      upserts: [],
      deletions: [],
      nextCursor: 'x',
      hasMore: false,
      cursorExpired: true,
    });
  }
  write(): Promise<{ deviceId: string }> {
    return Promise.reject(new Error('unused'));
  }
  access(types: readonly DataType[]) {
    return Promise.resolve({
      types: types.map((dataType) => ({ dataType, read: 'granted' as const, write: 'granted' as const })),
    });
  }
}

const make = (store: HealthStorePort) =>
  new DeviceSync({
    store,
    api: new FakeDeviceApi(),
    durable: new MemoryDurableStore(),
    clock: { now: () => 0 },
    upload: ['workout'],
    download: [],
    newBatchId: () => 'b',
  });

describe('DeviceSync guards', () => {
  it('restarts an expired cursor once, and fails rather than loop when the store keeps expiring it', async () => {
    const store = new AlwaysExpiredStore();
    await expect(make(store).syncOnce({ deadline: 1_000 })).rejects.toThrow(StoreCursorLoopError);
    expect(store.reads).toBe(2);
  });

  it('refuses a second run of the same instance while one is going', async () => {
    const sync = make(new AlwaysExpiredStore());
    const first = sync.syncOnce({ deadline: 1_000 });
    await expect(sync.syncOnce({ deadline: 1_000 })).rejects.toThrow(SyncAlreadyRunningError);
    await expect(first).rejects.toThrow(StoreCursorLoopError);
  });
});
