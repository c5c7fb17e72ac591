import type { DataType, ErrorCode } from '@syncwell/core';
import { accessNotices, type DeviceNotice } from './access-notices.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { DeviceApiPort, UploadItem, WriteAck } from './device-api-port.js';
import type { DeviceClock } from './device-clock.js';
import { DevicePermissionError, DeviceStoreQuotaError } from './device-errors.js';
import type { DurableStorePort } from './durable-store-port.js';
import type { HealthStorePort, TypeAccess } from './health-store-port.js';
import { DeviceOutbox, type OutboxBatch } from './outbox.js';

export interface DeviceSyncOptions {
  readonly store: HealthStorePort;
  readonly api: DeviceApiPort;
  readonly durable: DurableStorePort;
  readonly clock: DeviceClock;
  /** Data types the phone's rules read from the store (device → cloud). */
  readonly upload: readonly DataType[];
  /** Data types the phone's rules write to the store (cloud → device). */
  readonly download: readonly DataType[];
  /** A fresh unique id per batch (a UUID on the phone). */
  readonly newBatchId: () => string;
  /** [0, 1); jitter for backoff. */
  readonly random?: () => number;
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
  /** Time kept in hand before the deadline: a step that might not finish by then is not started. */
  readonly deadlineReserveMs?: number;
}

/**
 * Why the run ended: all done, out of background time, the backend could not be reached, or the
 * phone's store refused more reads for now (Health Connect's quota).
 */
export type DeviceSyncStop = 'complete' | 'deadline' | 'offline' | 'store_quota';

/** What a run did, for the app to show. Counts only, never values. */
export interface DeviceSyncResult {
  readonly stoppedBy: DeviceSyncStop;
  /** Items the backend finished: written, already synced, matched at the destination. */
  readonly uploaded: number;
  /** Our own writes read back from the store (or marked so by the backend): not uploaded again. */
  readonly loopPrevented: number;
  readonly rejected: readonly { readonly itemId: string; readonly code: ErrorCode }[];
  /** Items still in the outbox, to be retried with backoff. */
  readonly pendingItems: number;
  readonly writesApplied: number;
  readonly writesFailed: readonly { readonly writeId: string; readonly code: ErrorCode }[];
  readonly access: readonly TypeAccess[];
  readonly notices: readonly DeviceNotice[];
}

class DeadlineReached extends Error {}
class BackendUnreachable extends Error {}

/** `syncOnce` was called while another run of the same `DeviceSync` was still going. */
export class SyncAlreadyRunningError extends Error {
  constructor() {
    super('A device sync run is already in progress');
  }
}

/** The store called a cursor expired even right after a restart from `null`: it cannot be read incrementally. */
export class StoreCursorLoopError extends Error {
  constructor(readonly dataType: DataType) {
    super(`The store keeps expiring the cursor for ${dataType}`);
  }
}

/**
 * The phone's half of every rule with an Apple Health or Health Connect end. One `syncOnce` per
 * wake-up (background fetch, observer query, app open):
 *
 *  1. resend batches left in the outbox by an earlier run (killed, offline, retryable items);
 *  2. per upload type: read changes since the stored cursor, stage them as a batch (atomically
 *     with the cursor), upload, settle per item;
 *  3. pull pending writes, write each with its tag (idempotent), acknowledge with store ids.
 *
 * Every step is atomic on the phone, so a run cut anywhere (deadline, kill) resumes cleanly.
 *
 * @example
 *   const result = await sync.syncOnce({ deadline: Date.now() + 25_000 });
 */
export class DeviceSync {
  private readonly outbox: DeviceOutbox;
  private readonly batchSize: number;
  private readonly reserveMs: number;
  private running = false;

  constructor(private readonly options: DeviceSyncOptions) {
    this.outbox = new DeviceOutbox(
      options.durable,
      options.clock,
      options.random ?? Math.random,
      options.newBatchId,
      options.backoff ?? DEFAULT_BACKOFF,
    );
    this.batchSize = options.batchSize ?? 200;
    this.reserveMs = options.deadlineReserveMs ?? 0;
  }

  /**
   * One run. Runs of one `DeviceSync` never overlap (the outbox's batch numbering assumes a single
   * writer); an app with several processes (an iOS background extension beside the app) must give
   * them one `DeviceSync` or its own lock.
   */
  async syncOnce({ deadline }: { deadline: number }): Promise<DeviceSyncResult> {
    if (this.running) throw new SyncAlreadyRunningError();
    this.running = true;
    try {
      return await this.run(deadline);
    } finally {
      this.running = false;
    }
  }

  private async run(deadline: number): Promise<DeviceSyncResult> {
    const { store } = this.options;
    const tally = new Tally();
    const readCounts = new Map<DataType, number>();
    const access = await store.access([...new Set([...this.options.upload, ...this.options.download])]);
    let stoppedBy: DeviceSyncStop = 'complete';
    try {
      for (const batch of await this.outbox.pending(true)) await this.send(batch, tally, deadline);
      for (const dataType of this.options.upload)
        await this.uploadType(dataType, tally, readCounts, deadline);
      if (this.options.download.length > 0) await this.applyWrites(tally, deadline);
    } catch (error) {
      if (error instanceof DeadlineReached) stoppedBy = 'deadline';
      else if (error instanceof BackendUnreachable) stoppedBy = 'offline';
      else if (error instanceof DeviceStoreQuotaError) stoppedBy = 'store_quota';
      else throw error;
    }
    const pendingItems = (await this.outbox.pending(false)).reduce((n, b) => n + b.items.length, 0);
    const notices = accessNotices(
      store.platform,
      access.types,
      readCounts,
      new Set(this.options.download),
      access.historyLimitedDays,
    );
    return { stoppedBy, ...tally.snapshot(), pendingItems, access: access.types, notices };
  }

  private checkDeadline(deadline: number): void {
    if (this.options.clock.now() + this.reserveMs >= deadline) throw new DeadlineReached();
  }

  private async uploadType(
    dataType: DataType,
    tally: Tally,
    readCounts: Map<DataType, number>,
    deadline: number,
  ): Promise<void> {
    const { store } = this.options;
    let read = 0;
    let restarted = false;
    for (;;) {
      this.checkDeadline(deadline);
      const cursor = await this.outbox.cursor(dataType);
      let changes;
      try {
        changes = await store.readChanges(dataType, cursor, this.batchSize);
      } catch (error) {
        // Health Connect says so when a read is refused; skip the type, keep the run going.
        if (error instanceof DevicePermissionError) {
          readCounts.set(dataType, read);
          return;
        }
        throw error;
      }
      if (changes.cursorExpired) {
        if (restarted) throw new StoreCursorLoopError(dataType);
        // The ledger at the backend absorbs whatever a full re-read sends again.
        await this.outbox.moveCursor(dataType, null);
        restarted = true;
        continue;
      }
      const items: UploadItem[] = [];
      for (const u of changes.upserts) {
        read += 1;
        if (u.origin === store.ownOrigin) {
          tally.loopPrevented += 1;
          continue;
        }
        items.push({
          itemId: `${store.platform}:${dataType}:${u.deviceId}`,
          op: 'upsert',
          dataType,
          record: u.record,
        });
      }
      for (const deviceId of changes.deletions) {
        items.push({
          itemId: `${store.platform}:${dataType}:${deviceId}:deleted`,
          op: 'delete',
          dataType,
          deviceId,
        });
      }
      if (items.length === 0) {
        await this.outbox.moveCursor(dataType, changes.nextCursor);
      } else {
        const batch = await this.outbox.stage(dataType, items, changes.nextCursor);
        await this.send(batch, tally, deadline);
      }
      if (!changes.hasMore) break;
    }
    readCounts.set(dataType, read);
  }

  private async send(batch: OutboxBatch, tally: Tally, deadline: number): Promise<void> {
    this.checkDeadline(deadline);
    let answer;
    try {
      answer = await this.options.api.upload({ batchId: batch.batchId, items: batch.items });
    } catch {
      await this.outbox.failed(batch);
      throw new BackendUnreachable();
    }
    const counts = await this.outbox.settle(batch, answer.results);
    tally.uploaded += counts.done;
    tally.loopPrevented += counts.loopPrevented;
    tally.rejected.push(...counts.rejected);
  }

  private async applyWrites(tally: Tally, deadline: number): Promise<void> {
    const { api, store } = this.options;
    const wanted = new Set(this.options.download);
    // A bounded number of pages per run: a backend that keeps answering is drained next wake-up.
    for (let page = 0; page < 20; page++) {
      this.checkDeadline(deadline);
      let writes;
      try {
        writes = await api.pullWrites(this.batchSize);
      } catch {
        throw new BackendUnreachable();
      }
      if (writes.length === 0) return;
      const acks: WriteAck[] = [];
      for (const w of writes) {
        if (this.options.clock.now() + this.reserveMs >= deadline) break;
        if (!wanted.has(w.dataType)) {
          acks.push({ writeId: w.writeId, code: 'SW_ITEM_UNSUPPORTED_TYPE' });
          continue;
        }
        try {
          // Idempotent by tag: a write repeated after a crash before its ack stays one record.
          const { deviceId } = await store.write(w.record, w.tag);
          acks.push({ writeId: w.writeId, deviceRecordId: deviceId, code: 'SW_ITEM_WRITTEN' });
          tally.writesApplied += 1;
        } catch (error) {
          if (!(error instanceof DevicePermissionError)) throw error;
          acks.push({ writeId: w.writeId, code: error.code });
          tally.writesFailed.push({ writeId: w.writeId, code: error.code });
        }
      }
      try {
        await api.acknowledge(acks);
      } catch {
        // Unacknowledged writes come back on the next pull; their tags make the rewrite a no-op.
        throw new BackendUnreachable();
      }
      if (acks.length < writes.length) this.checkDeadline(deadline);
      if (writes.length < this.batchSize) return;
    }
  }
}

class Tally {
  uploaded = 0;
  loopPrevented = 0;
  readonly rejected: { itemId: string; code: ErrorCode }[] = [];
  writesApplied = 0;
  readonly writesFailed: { writeId: string; code: ErrorCode }[] = [];

  snapshot() {
    return {
      uploaded: this.uploaded,
      loopPrevented: this.loopPrevented,
      rejected: this.rejected,
      writesApplied: this.writesApplied,
      writesFailed: this.writesFailed,
    };
  }
}
