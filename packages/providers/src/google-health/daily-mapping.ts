import {
  dailyActivity,
  heartRateSamples,
  localDateOf,
  type DailyActivity,
  type HeartRateSamples,
} from '@syncwell/core';
import { offsetMinutes, utcIso } from './google-time.js';
import type { Mapped } from './mapping.js';
import type { HeartRatePoint, StepsPoint } from './schemas.js';

/**
 * Google returns steps as short intervals (64-bit counts, often as strings) and heart rate as
 * samples. SyncWell's write unit is one local day (DESIGN §5), so both are grouped by the day
 * the wearer lived them: the interval's own UTC offset decides the day, never the server's zone.
 * A day's total keeps growing until the day is over, so its record is overwritten by day.
 */
export function stepsToDailyActivity(points: readonly StepsPoint[]): Mapped<DailyActivity>[] {
  const days = new Map<string, { steps: number; offset: number }>();
  const failures: Mapped<DailyActivity>[] = [];
  for (const point of points) {
    const start = utcIso(point.steps.interval.startTime);
    const offset = offsetMinutes(point.steps.interval.startUtcOffset);
    if (start === undefined || offset === undefined) {
      failures.push({ ok: false, message: 'steps interval is unreadable' });
      continue;
    }
    const date = localDateOf(start, offset);
    const day = days.get(date) ?? { steps: 0, offset };
    day.steps += point.steps.count;
    days.set(date, day);
  }
  const mapped = [...days.entries()].map(([date, day]): Mapped<DailyActivity> => {
    const parsed = dailyActivity.safeParse({
      type: 'daily_activity',
      provenance: { provider: 'google_health', externalId: `steps-${date}` },
      date,
      utcOffsetMinutes: day.offset,
      steps: { value: day.steps, unit: '{steps}' },
    });
    return parsed.success
      ? { ok: true, record: parsed.data }
      : { ok: false, message: `steps of ${date} invalid` };
  });
  return [...failures, ...mapped];
}

export function heartRateByDay(points: readonly HeartRatePoint[]): Mapped<HeartRateSamples>[] {
  const days = new Map<string, { offset: number; samples: { time: string; bpm: number }[] }>();
  const failures: Mapped<HeartRateSamples>[] = [];
  for (const point of points) {
    const time = utcIso(point.heartRate.sampleTime.physicalTime);
    const offset = offsetMinutes(point.heartRate.sampleTime.utcOffset);
    if (time === undefined || offset === undefined) {
      failures.push({ ok: false, message: 'heart-rate sampleTime is unreadable' });
      continue;
    }
    const date = localDateOf(time, offset);
    const day = days.get(date) ?? { offset, samples: [] };
    day.samples.push({ time, bpm: Math.round(point.heartRate.beatsPerMinute) });
    days.set(date, day);
  }
  const mapped = [...days.entries()].map(([date, day]): Mapped<HeartRateSamples> => {
    const parsed = heartRateSamples.safeParse({
      type: 'heart_rate',
      provenance: { provider: 'google_health', externalId: `heart-rate-${date}` },
      date,
      utcOffsetMinutes: day.offset,
      samples: day.samples.sort((a, b) => a.time.localeCompare(b.time)),
    });
    return parsed.success
      ? { ok: true, record: parsed.data }
      : { ok: false, message: `heart rate of ${date} failed validation` };
  });
  return [...failures, ...mapped];
}
