import {
  HOUR_MS,
  MAX_TIME_ZONE_SHIFT_MS,
  MIN_OFFSET_SHIFT_MS,
  MINUTE_MS,
  WORKOUT_START_TOLERANCE_MS,
} from './tolerances.js';

export interface StartAlignment {
  /** The clock error assumed between the two starts: 0, whole hours, or an offset. */
  readonly shiftMs: number;
  readonly kind: 'none' | 'whole_hours' | 'utc_offset';
  /** |Δstart − shift|, within the start tolerance. */
  readonly residualMs: number;
}

/**
 * Which clock error, if any, explains `deltaMs` (start of b − start of a) to within ±3 min: none,
 * a whole number of hours up to ±14 h (local time labelled as UTC, a wrong DST rule), or ± either
 * record's own offset or their difference. No shift is always preferred; otherwise the best
 * fitting one. The candidate set is closed under negation, so swapping a and b negates the shift
 * and keeps the residual: matching stays symmetric. All arithmetic is on integers (exact).
 */
export function alignStarts(
  deltaMs: number,
  offsetAMin: number,
  offsetBMin: number,
): StartAlignment | undefined {
  const absDelta = Math.abs(deltaMs);
  if (absDelta <= WORKOUT_START_TOLERANCE_MS) return { shiftMs: 0, kind: 'none', residualMs: absDelta };
  if (absDelta > MAX_TIME_ZONE_SHIFT_MS + WORKOUT_START_TOLERANCE_MS) return undefined;

  let best: StartAlignment | undefined;
  const hours = Math.round(deltaMs / HOUR_MS);
  const hourResidual = Math.abs(deltaMs - hours * HOUR_MS);
  if (hourResidual <= WORKOUT_START_TOLERANCE_MS && Math.abs(hours) <= 14) {
    best = { shiftMs: hours * HOUR_MS, kind: 'whole_hours', residualMs: hourResidual };
  }
  // Offsets of whole hours are already covered above; only fractional ones (+05:30) add a shift.
  best = betterOffsetShift(best, deltaMs, offsetAMin);
  best = betterOffsetShift(best, deltaMs, offsetBMin);
  return betterOffsetShift(best, deltaMs, offsetAMin - offsetBMin);
}

/** `best`, or the shift by ±offset when it fits better (ties: the smaller shift). No allocation on a miss. */
function betterOffsetShift(
  best: StartAlignment | undefined,
  deltaMs: number,
  offsetMin: number,
): StartAlignment | undefined {
  if (offsetMin % 60 === 0) return best;
  const shiftMs = (deltaMs < 0 ? -Math.abs(offsetMin) : Math.abs(offsetMin)) * MINUTE_MS;
  if (Math.abs(shiftMs) < MIN_OFFSET_SHIFT_MS || Math.abs(shiftMs) > MAX_TIME_ZONE_SHIFT_MS) return best;
  const residualMs = Math.abs(deltaMs - shiftMs);
  if (residualMs > WORKOUT_START_TOLERANCE_MS) return best;
  if (
    best === undefined ||
    residualMs < best.residualMs ||
    (residualMs === best.residualMs && Math.abs(shiftMs) < Math.abs(best.shiftMs))
  ) {
    return { shiftMs, kind: 'utc_offset', residualMs };
  }
  return best;
}
