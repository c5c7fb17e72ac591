/** `2026-11-20T22:41:07+02:00`: Oura's date-time, whole seconds, with the wearer's offset. */
export function ouraDateTime(utcMs: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(utcMs / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The wearer's local calendar day of an instant. */
export function localDay(utcMs: number, offsetMinutes: number): string {
  return new Date(utcMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant a local day starts. */
export function localDayStartMs(day: string, offsetMinutes: number): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000;
}

/** A whole-hour offset guessed from a home longitude (15° per hour). */
export function offsetFromLongitude(lon: number): number {
  return Math.max(-12, Math.min(14, Math.round(lon / 15))) * 60;
}
