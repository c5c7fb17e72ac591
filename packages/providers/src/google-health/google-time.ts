/**
 * Google's wire formats for time: protobuf `Duration` strings (`"3600s"`, `"-18000s"`,
 * `"1830.5s"`), RFC 3339 instants, and `google.type.Date` `{year, month, day}`.
 */
const DURATION = /^(-?\d+(?:\.\d+)?)s$/;

/** Seconds of a protobuf Duration string; undefined when unreadable. */
export function durationSeconds(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const match = DURATION.exec(text.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** A UTC offset Duration (`"7200s"`) as whole minutes; 0 when absent (Google omits zero values). */
export function offsetMinutes(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return 0;
  const seconds = durationSeconds(text);
  return seconds === undefined ? undefined : Math.round(seconds / 60);
}

/** An RFC 3339 instant as a canonical `...Z` ISO string; undefined when unreadable. */
export function utcIso(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function googleDateToIso(date: { year: number; month: number; day: number }): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Formats an offset in minutes as a protobuf Duration string, the way Google sends it. */
export function offsetDuration(minutes: number): string {
  return `${minutes * 60}s`;
}
