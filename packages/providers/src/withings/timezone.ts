/**
 * Withings gives epoch seconds plus an IANA `timezone` name ("Europe/Paris"); canonical records
 * keep the UTC offset in minutes at that instant, which moves with daylight saving time.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's UTC offset in minutes at `epochMs`; undefined for an unknown zone name. */
export function offsetMinutesAt(timeZone: string, epochMs: number): number | undefined {
  const formatter = formatterFor(timeZone);
  if (formatter === undefined) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** The UTC instant of local midnight starting `date` (YYYY-MM-DD) in `timeZone`. */
export function localMidnightMs(date: string, timeZone: string): number | undefined {
  const naive = Date.parse(`${date}T00:00:00Z`);
  const first = offsetMinutesAt(timeZone, naive);
  if (first === undefined || Number.isNaN(naive)) return undefined;
  // Second pass: the offset at the guessed instant may differ on a DST-change day.
  const second = offsetMinutesAt(timeZone, naive - first * 60_000) ?? first;
  return naive - second * 60_000;
}

/** YYYY-MM-DD of an instant at an offset. */
export function ymdAt(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
