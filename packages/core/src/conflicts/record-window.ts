import type { TimeRange } from '../provider/data-provider.js';
import type { CanonicalRecord } from '../records/canonical-record.js';
import { instantMs } from '../matching/iso-instant.js';
import { MAX_TIME_ZONE_SHIFT_MS, MINUTE_MS } from '../matching/tolerances.js';

const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The instants a record occupies: its own start..end, its instant, or its local day placed by
 * its offset. Read by shape rather than by type, so a new day-of-samples type works unchanged.
 */
export function recordWindow(record: CanonicalRecord): { fromMs: number; toMs: number } {
  if ('startTime' in record) return { fromMs: instantMs(record.startTime), toMs: instantMs(record.endTime) };
  if ('time' in record) {
    const at = instantMs(record.time);
    return { fromMs: at, toMs: at };
  }
  const fromMs = Date.parse(`${record.date}T00:00:00Z`) - record.utcOffsetMinutes * MINUTE_MS;
  return { fromMs, toMs: fromMs + DAY_MS };
}

/**
 * Where a destination may hold a counterpart of any of these records: their span, widened by
 * the largest clock error the matcher forgives (±14 h, plus slack for its start tolerance).
 * Providers filter range reads by start, so the widening must cover starts, not only overlaps.
 */
export function detectionWindow(records: readonly CanonicalRecord[]): TimeRange | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const record of records) {
    const w = recordWindow(record);
    from = Math.min(from, w.fromMs);
    to = Math.max(to, w.toMs);
  }
  if (from > to) return undefined;
  const pad = MAX_TIME_ZONE_SHIFT_MS + 15 * MINUTE_MS;
  return { from: new Date(from - pad), to: new Date(to + pad + 1) };
}
