const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedPrefix = '';

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * `new Date(ms).toISOString()` for the generator's hot loops (a sample every 2 s of every
 * workout): the date part is formatted once per day, the rest by hand, ~20× faster.
 */
export function isoFromMs(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const msText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return `${cachedPrefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${msText}Z`;
}
