import { ERROR_CODES, type DataType, type ErrorCode } from '@syncwell/core';
import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import type { UploadItem, UploadItemResult } from './device-api-port.js';
import type { DeviceClock } from './device-clock.js';
import type { DurableStorePort } from './durable-store-port.js';

export interface OutboxBatch {
  /** The durable key it is stored under (creation order). */
  readonly key: string;
  readonly batchId: string;
  readonly items: readonly UploadItem[];
  readonly attempts: number;
  /** Not retried before this instant (backoff). */
  readonly notBefore: number;
}

/** What settling a batch against the backend's answer did, counted by outcome. */
export interface SettleCounts {
  readonly done: number;
  readonly loopPrevented: number;
  readonly rejected: readonly { readonly itemId: string; readonly code: ErrorCode }[];
  readonly retrying: number;
}

const BATCH_PREFIX = 'sw/outbox/batch/';
const SEQ_KEY = 'sw/outbox/seq';
const cursorKey = (dataType: DataType): string => `sw/cursor/${dataType}`;

/**
 * The phone's durable upload buffer (DESIGN §6a: the phone buffers, the backend stores no
 * values). A batch is staged together with the store cursor it was read up to, in one atomic
 * write: killed before it, the next run re-reads the same changes; killed after, the batch is
 * uploaded on the next run under the same batch id, which the backend answers idempotently.
 */
export class DeviceOutbox {
  constructor(
    private readonly store: DurableStorePort,
    private readonly clock: DeviceClock,
    private readonly random: () => number,
    private readonly newBatchId: () => string,
    private readonly backoff: BackoffPolicy,
  ) {}

  async cursor(dataType: DataType): Promise<string | null> {
    return (await this.store.get(cursorKey(dataType))) ?? null;
  }

  /** Moves the cursor with no batch (nothing to upload, or an expired cursor reset to `null`). */
  async moveCursor(dataType: DataType, cursor: string | null): Promise<void> {
    await this.store.setMany([[cursorKey(dataType), cursor]]);
  }

  /** Stores `items` as a new batch and advances `dataType`'s cursor, atomically. */
  async stage(dataType: DataType, items: readonly UploadItem[], nextCursor: string): Promise<OutboxBatch> {
    const seq = Number((await this.store.get(SEQ_KEY)) ?? '0') + 1;
    const batch: OutboxBatch = {
      key: batchKey(seq),
      batchId: this.newBatchId(),
      items,
      attempts: 0,
      notBefore: 0,
    };
    await this.store.setMany([
      [batch.key, JSON.stringify(batch)],
      [SEQ_KEY, String(seq)],
      [cursorKey(dataType), nextCursor],
    ]);
    return batch;
  }

  /** Batches waiting, oldest first; `dueOnly` leaves out those still backing off. */
  async pending(dueOnly: boolean): Promise<OutboxBatch[]> {
    const keys = [...(await this.store.keys(BATCH_PREFIX))].sort();
    const batches: OutboxBatch[] = [];
    for (const key of keys) {
      const text = await this.store.get(key);
      if (text === undefined) continue;
      const batch = JSON.parse(text) as OutboxBatch;
      if (!dueOnly || batch.notBefore <= this.clock.now()) batches.push(batch);
    }
    return batches;
  }

  /**
   * Applies the backend's per-item answer: finished items (written, already synced, loop
   * prevented, permanently rejected) leave the batch; retryable ones stay, with backoff. An item
   * the answer does not mention counts as retryable.
   */
  async settle(batch: OutboxBatch, results: readonly UploadItemResult[]): Promise<SettleCounts> {
    const byId = new Map(results.map((r) => [r.itemId, r.code]));
    let done = 0;
    let loopPrevented = 0;
    const rejected: { itemId: string; code: ErrorCode }[] = [];
    const keep: UploadItem[] = [];
    for (const item of batch.items) {
      const code = byId.get(item.itemId);
      if (code === undefined || ERROR_CODES[code].retry === 'retry') keep.push(item);
      else if (code === 'SW_ITEM_LOOP_PREVENTED') loopPrevented += 1;
      else if (ERROR_CODES[code].retry === 'none') done += 1;
      else rejected.push({ itemId: item.itemId, code });
    }
    await this.replace(batch, keep);
    return { done, loopPrevented, rejected, retrying: keep.length };
  }

  /** No answer at all (offline, 5xx, timeout): the whole batch backs off. */
  async failed(batch: OutboxBatch): Promise<void> {
    await this.replace(batch, batch.items);
  }

  private async replace(batch: OutboxBatch, keep: readonly UploadItem[]): Promise<void> {
    if (keep.length === 0) {
      await this.store.setMany([[batch.key, null]]);
      return;
    }
    const attempts = batch.attempts + 1;
    // Same batch id with fewer items: the backend's per-batch idempotency is per item, so a retry
    // of the remainder is answered consistently with the first attempt.
    const next: OutboxBatch = {
      key: batch.key,
      batchId: batch.batchId,
      items: keep,
      attempts,
      notBefore: this.clock.now() + backoffDelayMs(attempts, this.backoff, this.random),
    };
    await this.store.setMany([[batch.key, JSON.stringify(next)]]);
  }
}

const batchKey = (seq: number): string => `${BATCH_PREFIX}${String(seq).padStart(12, '0')}`;
