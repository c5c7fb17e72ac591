import { heartRateSamples, hrvSamples, localDateOf, spo2Samples } from '@syncwell/core';
import type { HeartRateSamples, HrvSamples, Spo2Samples } from '@syncwell/core';
import { OURA_DEVICE, checked, isSleepPeriod, type Mapped } from './mapping.js';
import { parseOffsetDateTime } from './offset-time.js';
import type { OuraDailySpo2, OuraHeartRate, OuraSleep } from './schemas.js';

// The canonical sample bounds; readings outside them are ring artefacts, dropped one by one
// rather than failing a whole day.
const BPM = { min: 20, max: 260 } as const;

interface DaySamples<S> {
  offsetMinutes: number;
  readonly samples: Map<number, S>;
}

function addTo<S>(
  days: Map<string, DaySamples<S>>,
  day: string,
  offset: number,
  ms: number,
  sample: S,
): void {
  let entry = days.get(day);
  if (entry === undefined) {
    entry = { offsetMinutes: offset, samples: new Map() };
    days.set(day, entry);
  }
  entry.samples.set(ms, sample);
}

const sortedSamples = <S>(entry: DaySamples<S>): S[] =>
  [...entry.samples.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);

/**
 * Heart-rate samples grouped into one record per local day (the write unit, DESIGN §5). The day
 * comes from each timestamp's own offset: if Oura sends `+00:00`, the day is the UTC day.
 */
export function ouraHeartRateDays(samples: readonly OuraHeartRate[]): Mapped<HeartRateSamples>[] {
  const days = new Map<string, DaySamples<{ time: string; bpm: number }>>();
  for (const raw of samples) {
    const at = parseOffsetDateTime(raw.timestamp);
    if (at === undefined || raw.bpm < BPM.min || raw.bpm > BPM.max) continue;
    addTo(days, localDateOf(at.iso, at.offsetMinutes), at.offsetMinutes, at.utcMs, {
      time: at.iso,
      bpm: raw.bpm,
    });
  }
  return [...days.entries()].map(([date, entry]) =>
    checked(
      heartRateSamples,
      {
        type: 'heart_rate',
        provenance: { provider: 'oura', externalId: `heartrate-${date}`, device: OURA_DEVICE },
        date,
        utcOffsetMinutes: entry.offsetMinutes,
        samples: sortedSamples(entry),
      },
      'heart-rate day',
    ),
  );
}

/**
 * Oura's HRV is RMSSD (ms), sampled every `hrv.interval` seconds during a sleep period. Periods are
 * grouped by Oura's `day` (the day a night is attributed to), so a night and a nap share a record.
 */
export function ouraHrvDays(sleeps: readonly OuraSleep[]): Mapped<HrvSamples>[] {
  const days = new Map<string, DaySamples<{ time: string; ms: number; statistic: 'rmssd' }>>();
  for (const sleep of sleeps) {
    const series = sleep.hrv;
    const first = series == null ? undefined : parseOffsetDateTime(series.timestamp);
    if (series == null || first === undefined || !isSleepPeriod(sleep)) continue;
    series.items.forEach((value, index) => {
      if (value === null || value <= 0) return;
      const ms = first.utcMs + index * series.interval * 1000;
      const time = new Date(ms).toISOString();
      addTo(days, sleep.day, first.offsetMinutes, ms, { time, ms: value, statistic: 'rmssd' as const });
    });
  }
  return [...days.entries()].map(([date, entry]) =>
    checked(
      hrvSamples,
      {
        type: 'hrv',
        provenance: { provider: 'oura', externalId: `hrv-${date}`, device: OURA_DEVICE },
        date,
        utcOffsetMinutes: entry.offsetMinutes,
        samples: sortedSamples(entry),
      },
      'HRV day',
    ),
  );
}

/**
 * `daily_spo2` is one nightly average with no time of its own. It is placed at the middle of that
 * day's main sleep period (the ring measures during sleep), with that period's offset; with no
 * sleep to lean on, at 12:00 UTC of the day, which falls on the same calendar day for any offset
 * from −12 h to +11 h.
 */
export function ouraSpo2Day(raw: OuraDailySpo2, sleeps: readonly OuraSleep[]): Mapped<Spo2Samples> | null {
  const average = raw.spo2_percentage?.average;
  if (average == null) return null;
  const main = mainSleepOf(raw.day, sleeps);
  const start = main === undefined ? undefined : parseOffsetDateTime(main.bedtime_start);
  const end = main === undefined ? undefined : parseOffsetDateTime(main.bedtime_end);
  const placed =
    start === undefined || end === undefined
      ? { time: `${raw.day}T12:00:00.000Z`, offset: 0 }
      : { time: new Date((start.utcMs + end.utcMs) / 2).toISOString(), offset: start.offsetMinutes };
  return checked(
    spo2Samples,
    {
      type: 'spo2',
      provenance: { provider: 'oura', externalId: raw.id, device: OURA_DEVICE },
      date: raw.day,
      utcOffsetMinutes: placed.offset,
      samples: [{ time: placed.time, percent: average }],
    },
    'SpO2 day',
  );
}

/** The `long_sleep` of a day, else its longest sleep period. */
function mainSleepOf(day: string, sleeps: readonly OuraSleep[]): OuraSleep | undefined {
  const ofDay = sleeps.filter((s) => s.day === day && isSleepPeriod(s));
  const length = (s: OuraSleep): number => Date.parse(s.bedtime_end) - Date.parse(s.bedtime_start);
  return ofDay.find((s) => s.type === 'long_sleep') ?? ofDay.sort((a, b) => length(b) - length(a))[0];
}
