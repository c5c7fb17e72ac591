import { addDays, localDateIn, zoneOffsetMinutes } from '@syncwell/insights';
import type { QuietHours } from '../../store/push-port.js';

/**
 * When `now` falls in the user's quiet hours (local wall-clock time in their zone), the instant
 * they end; otherwise null. A window whose start is after its end spans midnight (22:00–07:00),
 * so the window that began yesterday evening is checked as well as today's.
 *
 * @example
 *   quietUntil(new Date('2031-01-06T23:30:00Z'), { startMinute: 1320, endMinute: 420, timeZone: 'UTC' })
 *   // → 2031-01-07T07:00:00Z
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (quiet === null || quiet.startMinute === quiet.endMinute) return null;
  const at = now.getTime();
  const today = localDateIn(at, quiet.timeZone);
  const spansMidnight = quiet.startMinute > quiet.endMinute;
  for (const day of [addDays(today, -1), today]) {
    const start = localWallTime(day, quiet.startMinute, quiet.timeZone);
    const end = localWallTime(spansMidnight ? addDays(day, 1) : day, quiet.endMinute, quiet.timeZone);
    if (at >= start && at < end) return new Date(end);
  }
  return null;
}

/** The UTC instant of a local wall-clock time; the offset is read at that time, not at midnight (DST nights). */
function localWallTime(date: string, minute: number, timeZone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  const first = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  return asUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
}
