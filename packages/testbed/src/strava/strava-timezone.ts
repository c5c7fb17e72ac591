/**
 * Strava labels an activity's zone as "(GMT+01:00) Europe/Paris". We only know an offset, so
 * a representative IANA zone is picked per offset; unlisted offsets fall back to Etc/GMT±N,
 * whose sign is inverted by POSIX convention.
 */
const ZONE_BY_OFFSET_MINUTES: ReadonlyMap<number, string> = new Map([
  [-600, 'Pacific/Honolulu'],
  [-480, 'America/Los_Angeles'],
  [-420, 'America/Denver'],
  [-360, 'America/Chicago'],
  [-300, 'America/New_York'],
  [-180, 'America/Sao_Paulo'],
  [0, 'Europe/London'],
  [60, 'Europe/Paris'],
  [120, 'Europe/Helsinki'],
  [180, 'Europe/Moscow'],
  [330, 'Asia/Kolkata'],
  [480, 'Asia/Singapore'],
  [540, 'Asia/Tokyo'],
  [600, 'Australia/Sydney'],
  [720, 'Pacific/Auckland'],
]);

export function formatGmtOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function zoneNameForOffset(offsetMinutes: number): string {
  const known = ZONE_BY_OFFSET_MINUTES.get(offsetMinutes);
  if (known !== undefined) return known;
  if (offsetMinutes % 60 !== 0) return 'Etc/UTC';
  const hours = offsetMinutes / 60;
  return hours > 0 ? `Etc/GMT-${hours}` : `Etc/GMT+${-hours}`;
}

export function stravaTimezoneLabel(offsetMinutes: number): string {
  return `(GMT${formatGmtOffset(offsetMinutes)}) ${zoneNameForOffset(offsetMinutes)}`;
}

/** Strava's ISO form: whole seconds, always a trailing `Z`. */
export function stravaIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `start_date_local`: wall-clock time at the activity, still suffixed `Z` (a Strava quirk). */
export function stravaLocalIso(utcMs: number, offsetMinutes: number): string {
  return stravaIso(utcMs + offsetMinutes * 60_000);
}
