/**
 * ISO-8601 duration (`PT1H2M3S`, `PT3600.5S`, `P1DT2H`) → seconds; undefined when unreadable.
 * Years and months are refused: their length depends on the calendar and Polar never sends them.
 */
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseIsoDurationSeconds(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const field = (index: number): number => Number(match[index] ?? 0);
  const [weeks, days, hours, minutes, seconds] = [1, 2, 3, 4, 5].map(field);
  return (
    (weeks ?? 0) * 604_800 + (days ?? 0) * 86_400 + (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0)
  );
}
