import { SyncWellError, type DataType } from '@syncwell/core';
import type { TimeWindow } from '../store/port.js';

const DAY_MS = 86_400_000;

/**
 * How backfills are cut. Dense types get short chunks so one chunk stays one modest job (a day
 * of heart-rate samples is one write unit but hundreds of samples); workouts are sparse.
 */
export interface BackfillPolicy {
  /** Chunk length in days per data type (7 when absent); a rule's chunk is the shortest of its types. */
  readonly chunkDays: Readonly<Partial<Record<DataType, number>>>;
  /** The window when neither the request nor the provider says how far back to go. */
  readonly defaultWindowDays: number;
  /** Chunks of one backfill running at once; 1 runs them in order, newest first. */
  readonly parallelism: number;
}

export const DEFAULT_BACKFILL_POLICY: BackfillPolicy = {
  chunkDays: {
    workout: 7,
    sleep: 7,
    body_measurement: 30,
    daily_activity: 14,
    heart_rate: 2,
    hrv: 2,
    spo2: 2,
  },
  defaultWindowDays: 365,
  parallelism: 1,
};

export interface WindowRequest {
  readonly from?: Date;
  readonly to?: Date;
  readonly now: Date;
  /** The source provider's `capabilities.backfillWindowDays` (null: unlimited or unknown). */
  readonly providerWindowDays: number | null;
  readonly defaultWindowDays: number;
}

/**
 * The window to backfill: as asked, else the provider's window (else the default) back from
 * now; never earlier than the provider lets us read, never in the future. Throws
 * SW_VALIDATION_FAILED when nothing is left.
 *
 * @example resolveWindow({ now, providerWindowDays: 30, defaultWindowDays: 365 }) // the last 30 days
 */
export function resolveWindow(request: WindowRequest): TimeWindow {
  const now = request.now.getTime();
  const earliest =
    request.providerWindowDays === null
      ? Number.NEGATIVE_INFINITY
      : now - request.providerWindowDays * DAY_MS;
  const to = Math.min(request.to?.getTime() ?? now, now);
  const wanted =
    request.from?.getTime() ?? now - (request.providerWindowDays ?? request.defaultWindowDays) * DAY_MS;
  const from = Math.max(wanted, earliest);
  if (!(from < to)) {
    throw new SyncWellError('SW_VALIDATION_FAILED', 'The backfill window is empty after the provider limit', {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
  }
  return { from: new Date(from), to: new Date(to) };
}

/** The parts of `window` not covered by `done` (windows done before), oldest first. */
export function gapsOf(window: TimeWindow, done: readonly TimeWindow[]): TimeWindow[] {
  const sorted = [...done].sort((a, b) => a.from.getTime() - b.from.getTime());
  const gaps: TimeWindow[] = [];
  let at = window.from.getTime();
  const end = window.to.getTime();
  for (const d of sorted) {
    if (d.to.getTime() <= at) continue;
    if (d.from.getTime() >= end) break;
    if (d.from.getTime() > at) gaps.push({ from: new Date(at), to: d.from });
    at = Math.max(at, d.to.getTime());
  }
  if (at < end) gaps.push({ from: new Date(at), to: new Date(end) });
  return gaps;
}

/** Cuts the gaps into chunks of about `chunkMs`, newest first (recent history lands first). */
export function chunkWindows(gaps: readonly TimeWindow[], chunkMs: number): TimeWindow[] {
  const chunks: TimeWindow[] = [];
  for (const gap of [...gaps].sort((a, b) => b.to.getTime() - a.to.getTime())) {
    const start = gap.from.getTime();
    for (let to = gap.to.getTime(); to > start; to -= chunkMs) {
      // A sliver left at the old end (a window of whole days plus the request's milliseconds)
      // joins the chunk before it instead of becoming a job of its own.
      const from = to - chunkMs - start < chunkMs / 10 ? start : Math.max(start, to - chunkMs);
      chunks.push({ from: new Date(from), to: new Date(to) });
      if (from === start) break;
    }
  }
  return chunks;
}

export function chunkMsFor(dataTypes: readonly DataType[], policy: BackfillPolicy): number {
  const days = Math.min(...dataTypes.map((t) => policy.chunkDays[t] ?? 7));
  return (Number.isFinite(days) && days > 0 ? days : 7) * DAY_MS;
}
