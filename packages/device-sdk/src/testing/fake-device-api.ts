import { stableStringify, type CanonicalRecord, type ErrorCode } from '@syncwell/core';
import type {
  DeviceApiPort,
  PendingWrite,
  UploadBatch,
  UploadItem,
  UploadItemResult,
  WriteAck,
} from '../device-api-port.js';

/** The backend could not be reached, or its answer was lost on the way back. */
export class BackendUnavailable extends Error {}

/**
 * The backend's device API as the SDK's tests need it: written-through uploads into a
 * destination list, a ledger keyed by source record identity (content compared, never kept
 * beyond the test), pending writes with acks. Faults: refuse the next uploads, or process them
 * and lose the answer (the phone cannot tell the two apart). The real `/v1/device` routes must
 * behave the same way.
 */
export class FakeDeviceApi implements DeviceApiPort {
  /** What reached the rule's destination, in write order. */
  readonly destination: CanonicalRecord[] = [];
  readonly deletedAtDestination: string[] = [];
  readonly acks: WriteAck[] = [];
  readonly batchesSeen: string[] = [];
  private readonly ledger = new Map<string, string>();
  private readonly pending = new Map<string, PendingWrite>();
  private refuse = 0;
  private loseAnswers = 0;
  /** Items answered with this code once (e.g. a retryable destination failure). */
  readonly itemFaults = new Map<string, ErrorCode>();
  /** Called at every upload; tests move the clock here to spend background time. */
  onUpload: (() => void) | undefined;

  refuseNextUploads(n: number): void {
    this.refuse = n;
  }

  loseNextAnswers(n: number): void {
    this.loseAnswers = n;
  }

  queueWrite(w: PendingWrite): void {
    this.pending.set(w.writeId, w);
  }

  upload(batch: UploadBatch): Promise<{ readonly results: readonly UploadItemResult[] }> {
    this.onUpload?.();
    if (this.refuse > 0) {
      this.refuse -= 1;
      return Promise.reject(new BackendUnavailable('offline'));
    }
    this.batchesSeen.push(batch.batchId);
    const results = batch.items.map((item) => ({ itemId: item.itemId, code: this.apply(item) }));
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      return Promise.reject(new BackendUnavailable('answer lost'));
    }
    return Promise.resolve({ results });
  }

  pullWrites(limit: number): Promise<readonly PendingWrite[]> {
    return Promise.resolve([...this.pending.values()].slice(0, limit));
  }

  acknowledge(acks: readonly WriteAck[]): Promise<void> {
    for (const a of acks) {
      this.pending.delete(a.writeId);
      this.acks.push(a);
    }
    return Promise.resolve();
  }

  private apply(item: UploadItem): ErrorCode {
    const fault = this.itemFaults.get(item.itemId);
    if (fault !== undefined) {
      this.itemFaults.delete(item.itemId);
      return fault;
    }
    if (item.op === 'delete') {
      this.deletedAtDestination.push(item.deviceId);
      return 'SW_ITEM_WRITTEN';
    }
    if (item.record.provenance.syncTag !== undefined) return 'SW_ITEM_LOOP_PREVENTED';
    const key = `${item.record.provenance.provider}:${item.record.provenance.externalId}`;
    const content = stableStringify(item.record);
    if (this.ledger.get(key) === content) return 'SW_ITEM_ALREADY_SYNCED';
    this.ledger.set(key, content);
    this.destination.push(item.record);
    return 'SW_ITEM_WRITTEN';
  }
}
