import { SyncWellError, type DataType } from '@syncwell/core';
import type { BackfillClamp, TimeWindow } from '../store/port.js';

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
  /**
   * Most chunks one backfill may have. A window needing more (a provider with no backfill
   * window asked for decades) is clamped at its old end, and the answer says so (`max_chunks`).
   */
  readonly maxChunks: number;
}

/** 520 chunks: ten years of weekly workout chunks, about three of two-day heart-rate chunks. */
export const DEFAULT_MAX_BACKFILL_CHUNKS = 520;

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
  maxChunks: DEFAULT_MAX_BACKFILL_CHUNKS,
};

export interface WindowRequest {
  readonly from?: Date;
  readonly to?: Date;
  readonly now: Date;
  /** The source provider's `capabilities.backfillWindowDays` (null: unlimited or unknown). */
  readonly providerWindowDays: number | null;
  readonly defaultWindowDays: number;
  /** The rule's chunk length and the most chunks allowed: together they cap the window's length. */
  readonly chunkMs: number;
  readonly maxChunks: number;
}

export interface ResolvedWindow {
  readonly window: TimeWindow;
  /** Every bound moved from what was asked, and why; empty when none was. */
  readonly clamps: BackfillClamp[];
}

/**
 * The window to backfill: as asked, else the provider's window (else the default) back from
 * now. Never earlier than the provider lets anyone read, never longer than `maxChunks` chunks,
 * never in the future; each bound moved from what was asked is reported as a clamp (defaults
 * are not clamps). Throws SW_VALIDATION_FAILED when nothing is left.
 *
 * @example resolveWindow({ now, providerWindowDays: 30, defaultWindowDays: 365, chunkMs, maxChunks: 520 }).window // the last 30 days
 */
export function resolveWindow(request: WindowRequest): ResolvedWindow {
  const now = request.now.getTime();
  const clamps: BackfillClamp[] = [];
  let to = request.to?.getTime() ?? now;
  if (to > now) {
    to = now;
    clamps.push({ bound: 'to', reason: 'future', limit: null });
  }
  let from =
    request.from?.getTime() ?? now - (request.providerWindowDays ?? request.defaultWindowDays) * DAY_MS;
  if (request.providerWindowDays !== null) {
    const earliest = now - request.providerWindowDays * DAY_MS;
    if (from < earliest) {
      from = earliest;
      clamps.push({ bound: 'from', reason: 'provider_window', limit: request.providerWindowDays });
    }
  }
  const longest = request.maxChunks * request.chunkMs;
  if (to - from > longest) {
    from = to - longest;
    clamps.push({ bound: 'from', reason: 'max_chunks', limit: request.maxChunks });
  }
  if (!(from < to)) {
    throw new SyncWellError('SW_VALIDATION_FAILED', 'The backfill window is empty after the provider limit', {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
  }
  return { window: { from: new Date(from), to: new Date(to) }, clamps };
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
