/**
 * Milliseconds since the epoch of a canonical UTC instant (`2025-03-01T06:15:00Z`, optionally
 * with a fraction). Date.parse costs ~180 ns per call on Node 20, which alone would eat a third
 * of the matcher's per-record budget (P7: ≥ 1M records/s, two instants per workout); this reads
 * the fixed layout with charCodeAt (~15 ns) and falls back to Date.parse for anything else.
 */
export function instantMs(iso: string): number {
  const n = iso.length;
  if (n < 20 || iso.charCodeAt(n - 1) !== 90 /* Z */ || iso.charCodeAt(10) !== 84 /* T */) {
    return Date.parse(iso);
  }
  const y0 = digit(iso, 0);
  const y1 = digit(iso, 1);
  const y2 = digit(iso, 2);
  const y3 = digit(iso, 3);
  const mo0 = digit(iso, 5);
  const mo1 = digit(iso, 6);
  const d0 = digit(iso, 8);
  const d1 = digit(iso, 9);
  const h0 = digit(iso, 11);
  const h1 = digit(iso, 12);
  const mi0 = digit(iso, 14);
  const mi1 = digit(iso, 15);
  const s0 = digit(iso, 17);
  const s1 = digit(iso, 18);
  // A negative "digit" turns into a huge unsigned number, so one comparison checks 0–9.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    mo0 >>> 0 > 9 ||
    mo1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    mi0 >>> 0 > 9 ||
    mi1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9
  ) {
    return Date.parse(iso);
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return Date.parse(iso);
  }
  let ms = 0;
  if (n > 20) {
    // ".sss…Z": keep milliseconds, drop finer digits the way Date.parse does.
    if (iso.charCodeAt(19) !== 46 /* . */ || n === 21) return Date.parse(iso);
    const fraction = n - 21;
    ms = fraction >= 3 ? digits(iso, 20, 3) : digits(iso, 20, fraction) * (fraction === 1 ? 100 : 10);
    if (fraction > 3 && Number.isNaN(digits(iso, 23, fraction - 3))) return Number.NaN;
    if (Number.isNaN(ms)) return Date.parse(iso);
  }
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

function digit(s: string, at: number): number {
  return s.charCodeAt(at) - 48;
}

function digits(s: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 of a Gregorian date, year ≥ 1 (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}
