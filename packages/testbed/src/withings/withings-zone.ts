/** The local calendar date and hour of an instant in an IANA zone (the simulator's own, on purpose). */
export function localParts(epochMs: number, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** Epoch ms of a local wall-clock time (`date` at `hour`:00) in `timeZone`. */
export function atLocal(date: string, hour: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  let guess = naive;
  // Two corrections settle the zone's offset, DST days included.
  for (let i = 0; i < 2; i += 1) {
    const seen = localParts(guess, timeZone);
    const seenNaive = Date.parse(`${seen.date}T00:00:00Z`) + seen.hour * 3_600_000;
    guess += naive - seenNaive;
  }
  return guess;
}

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
