/** An Oura date-time split into the UTC instant and the wearer's offset at that moment. */
export interface OffsetInstant {
  readonly utcMs: number;
  readonly iso: string;
  readonly offsetMinutes: number;
}

const ZONED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * Reads `2026-11-20T22:41:07+02:00` (or `...Z`). Oura always sends an offset; a time without one
 * is refused rather than guessed, because guessing the zone is how a sleep lands on the wrong day.
 */
export function parseOffsetDateTime(text: string): OffsetInstant | undefined {
  const match = ZONED.exec(text.trim());
  if (match === null) return undefined;
  const utcMs = Date.parse(text.trim());
  if (Number.isNaN(utcMs)) return undefined;
  const offsetMinutes =
    match[2]?.toUpperCase() === 'Z'
      ? 0
      : (match[3] === '-' ? -1 : 1) * (Number(match[4]) * 60 + Number(match[5]));
  return { utcMs, iso: new Date(utcMs).toISOString(), offsetMinutes };
}

/** `YYYY-MM-DD` plus `days` (may be negative), in calendar arithmetic. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC calendar day of an instant. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The instant a local day starts at a given offset. */
export function localDayStartMs(day: string, offsetMinutes: number): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000;
}
