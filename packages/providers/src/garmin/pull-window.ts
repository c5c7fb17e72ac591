import type { ReadRequest, TimeRange } from '@syncwell/core';
import { GARMIN_MAX_PULL_WINDOW_SECONDS } from './facts.js';

/** One pull request's upload-time window, and what to tell the engine after it. */
export interface PullWindow {
  /** Inclusive upload-time start, epoch seconds. */
  readonly startS: number;
  /** Exclusive upload-time end, epoch seconds; never past `now`. */
  readonly endS: number;
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
  /** For range reads: keep only summaries that start inside it. */
  readonly filter?: TimeRange;
}

/**
 * Garmin's pull endpoints filter on UPLOAD time, at most 24 h per request, not on when the data
 * was measured. So every read is one such window:
 * - incremental: the cursor is the upload-time end of the last window read (epoch seconds);
 *   the first read starts `horizonS` ago, and a cursor older than that is moved up to it;
 * - range (backfill chunk): uploads from the range start (or the horizon) up to now, keeping
 *   summaries that START in the range, so a device synced days late is still caught.
 * Returns null when there is nothing to read yet (the cursor is at now).
 */
export function planPullWindow(request: ReadRequest, nowS: number, horizonS: number): PullWindow | null {
  const floorS = nowS - horizonS;
  const cursorS = request.cursor === null ? Number.NaN : Number(request.cursor);
  const rangeStartS = request.range === undefined ? floorS : Math.floor(request.range.from.getTime() / 1000);
  const fromCursor = Number.isInteger(cursorS) ? cursorS : rangeStartS;
  const startS = Math.max(fromCursor, floorS);
  if (startS >= nowS) return null;
  const endS = Math.min(startS + GARMIN_MAX_PULL_WINDOW_SECONDS, nowS);
  return {
    startS,
    endS,
    nextCursor: String(endS),
    hasMore: endS < nowS,
    ...(request.range === undefined ? {} : { filter: request.range }),
  };
}

/** The part of a range read older than the pull horizon: Garmin serves it only by backfill. */
export function backfillSpan(range: TimeRange | undefined, nowS: number, horizonS: number, windowS: number) {
  if (range === undefined) return null;
  const fromS = Math.max(Math.floor(range.from.getTime() / 1000), nowS - windowS);
  const toS = Math.min(Math.ceil(range.to.getTime() / 1000), nowS - horizonS);
  return fromS < toS ? { fromS, toS } : null;
}

export function startsWithin(startS: number, filter: TimeRange | undefined): boolean {
  if (filter === undefined) return true;
  const ms = startS * 1000;
  return ms >= filter.from.getTime() && ms < filter.to.getTime();
}
