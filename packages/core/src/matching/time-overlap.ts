/**
 * Overlap of [aStart, aEnd) and [bStart, bEnd) as a share of the shorter range, in [0, 1].
 * A zero-length range (an instant) counts as fully overlapped when it lies inside the other,
 * so that a record with end = start still matches itself.
 */
export function overlapOfShorter(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const shorter = Math.min(aEnd - aStart, bEnd - bStart);
  if (shorter <= 0) {
    return aStart <= bEnd && bStart <= aEnd ? 1 : 0;
  }
  const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  return overlap <= 0 ? 0 : overlap / shorter;
}
