import type { SleepSession } from '../records/sleep.js';
import { instantMs } from './iso-instant.js';
import { different, type MatchResult } from './match-result.js';
import { overlapOfShorter } from './time-overlap.js';
import { MIN_OVERLAP_OF_SHORTER, SLEEP_BOUNDARY_TOLERANCE_MS } from './tolerances.js';

/**
 * Sleep shares a slot when [start, end) overlap by ≥ 50 % of the shorter session: providers
 * disagree by tens of minutes on when sleep began, and a nap never overlaps the night that much.
 * Both boundaries within 15 min → `same`; otherwise `conflict` (one provider finalised later
 * or cut the night differently).
 */
export function matchSleep(a: SleepSession, b: SleepSession): MatchResult {
  return matchSleepRanges(
    instantMs(a.startTime),
    instantMs(a.endTime),
    instantMs(b.startTime),
    instantMs(b.endTime),
  );
}

export function matchSleepRanges(aStart: number, aEnd: number, bStart: number, bEnd: number): MatchResult {
  const overlap = overlapOfShorter(aStart, aEnd, bStart, bEnd);
  if (overlap < MIN_OVERLAP_OF_SHORTER) return different('sleep_overlap_too_small');
  const boundariesClose =
    Math.abs(aStart - bStart) <= SLEEP_BOUNDARY_TOLERANCE_MS &&
    Math.abs(aEnd - bEnd) <= SLEEP_BOUNDARY_TOLERANCE_MS;
  return boundariesClose
    ? { verdict: 'same', score: 0.5 + 0.5 * overlap, reasons: ['sleep_overlap', 'values_equal'] }
    : { verdict: 'conflict', score: 0.5 * overlap, reasons: ['sleep_overlap', 'values_differ'] };
}
