import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import type { RunItemResult } from './sync-state.js';

export interface RunCounts {
  read: number;
  written: number;
  skipped: number;
  failed: number;
}

/** A run is a batch: it reports per-item results and one overall outcome, and never hides a failure. */
export interface RunOutcome {
  readonly status: 'succeeded' | 'partial';
  readonly counts: RunCounts;
  /** The last page commit also ended the run (SyncRunInput.finishRun); nothing is left to finish. */
  readonly finished?: boolean;
}

export function emptyCounts(): RunCounts {
  return { read: 0, written: 0, skipped: 0, failed: 0 };
}

export function countItem(counts: RunCounts, item: RunItemResult): void {
  counts.read += 1;
  if (item.outcome === 'written') counts.written += 1;
  else if (item.outcome === 'skipped') counts.skipped += 1;
  else counts.failed += 1;
}

/**
 * Whether an item means data the user expects did not arrive: a failed write, a record skipped
 * for being unusable (invalid payload, corrupt file), or a part of the source the provider
 * refused to serve (an `auth`-class code on a read item, e.g. Garmin's SW_PROVIDER_FORBIDDEN for
 * history the user has not granted). A run with such an item is `partial`, never shown as a
 * clean success. Only skips that mean "nothing to do" (already synced, loop: class `none`) are not.
 */
export function itemMissedData(item: RunItemResult): boolean {
  return item.outcome === 'failed' || ERROR_CODES[item.code].retry !== 'none';
}

export function itemResult(
  dataType: RunItemResult['dataType'],
  externalId: string,
  outcome: RunItemResult['outcome'],
  code: ErrorCode,
  destinationId: string | null = null,
  message?: string,
): RunItemResult {
  return message === undefined
    ? { dataType, externalId, outcome, code, destinationId }
    : { dataType, externalId, outcome, code, destinationId, message };
}
