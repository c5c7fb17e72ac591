import { z } from 'zod';

/** A UTC instant in ISO-8601 with a `Z` suffix, millisecond precision at most. */
export const utcInstant = z.iso.datetime();

/**
 * The wearer's local offset from UTC, in minutes (UTC+02:00 → 120). Kept beside every instant
 * because "which day did this happen on" is a local question: dropping the offset is how other
 * sync services shift activities by a day.
 */
export const utcOffsetMinutes = z
  .number()
  .int()
  .min(-14 * 60)
  .max(14 * 60);

/** A local calendar day, `YYYY-MM-DD`. */
export const localDate = z.iso.date();

/** The local calendar day of a UTC instant for a given offset. */
export function localDateOf(instantIso: string, offsetMinutes: number): string {
  const shifted = new Date(Date.parse(instantIso) + offsetMinutes * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** Formats an offset the ISO way: 120 → "+02:00". */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
