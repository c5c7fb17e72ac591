const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** WHOOP's `timezone_offset` ("+hh:mm", "-05:00", "Z") → minutes east of UTC; undefined when unreadable. */
export function offsetMinutes(text: string): number | undefined {
  if (text === 'Z') return 0;
  const match = OFFSET.exec(text);
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** An ISO instant (WHOOP sends UTC with `Z`) → canonical `...Z` with ms precision; undefined when unreadable. */
export function utcIso(text: string): string | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** kJ → kcal (thermochemical calorie, 4.184 J), rounded to 0.1 kcal. */
export function kilojouleToKcal(kilojoule: number): number {
  return Math.round((kilojoule / 4.184) * 10) / 10;
}
