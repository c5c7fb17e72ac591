/**
 * Strict readers and writers for the XML Schema value types TCX and GPX use. A number or time
 * that does not parse is reported as `undefined` so the caller can say which field was bad.
 */

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/** xsd:double / xsd:decimal text → finite number. NaN and INF are refused. */
export function readXmlNumber(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  if (trimmed === undefined || !DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

export interface XmlInstant {
  /** UTC, `toISOString()` form (millisecond precision; finer digits are truncated). */
  readonly iso: string;
  /** The offset written in the text; `undefined` for `Z` or no zone (both read as UTC). */
  readonly offsetMinutes: number | undefined;
}

/**
 * xsd:dateTime → UTC instant. A time without a zone is read as UTC: GPX requires UTC and
 * Garmin always writes `Z`, so "unknown zone" in these formats means UTC in practice.
 */
export function readXmlDateTime(text: string | undefined): XmlInstant | undefined {
  const m = DATE_TIME.exec(text?.trim() ?? '');
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  const ms = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  // Date.UTC rolls 31 February over into March; a real calendar date reads back unchanged.
  if (
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  const offsetMinutes = zone === undefined || zone === 'Z' ? undefined : offsetOf(zone);
  if (offsetMinutes !== undefined && Math.abs(offsetMinutes) > 14 * 60) return undefined;
  const utc = local - (offsetMinutes ?? 0) * 60_000;
  if (!Number.isFinite(utc) || Math.abs(utc) > 8.64e15) return undefined;
  const year4 = new Date(utc).getUTCFullYear();
  if (year4 < 1 || year4 > 9999) return undefined;
  return { iso: new Date(utc).toISOString(), offsetMinutes: offsetMinutes === 0 ? undefined : offsetMinutes };
}

function offsetOf(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/**
 * Number → xsd:decimal text (no exponent: GPX's lat/lon/ele are xsd:decimal, which has none).
 * Shortest round-trip form where JS gives one without an exponent.
 */
export function writeXmlNumber(value: number): string {
  const plain = String(value);
  if (!plain.includes('e')) return plain;
  // Only very small magnitudes reach here (< 1e-6); 12 places is far below GPS resolution.
  return value.toFixed(12).replace(/\.?0+$/, '');
}

/** UTC instant as exporters write it: `2026-05-03T06:30:00Z`, milliseconds only when present. */
export function writeXmlInstant(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace('.000Z', 'Z');
}
