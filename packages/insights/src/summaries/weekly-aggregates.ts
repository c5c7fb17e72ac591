import {
  createRecordMatcher,
  localDateOf,
  type CanonicalRecord,
  type RecordOf,
  type SportType,
} from '@syncwell/core';

/** Local dates, inclusive. */
export interface DateSpan {
  readonly from: string;
  readonly to: string;
}

/**
 * A week's figures, computed deterministically and rounded once, here: every number a
 * narrative may state is one of these, in this precision (integers; km and kg to 0.1).
 */
export interface WeeklyAggregates {
  readonly steps: {
    total: number;
    dailyAverage: number;
    days: number;
    previousTotal: number | null;
    changePercent: number | null;
  } | null;
  readonly activeEnergy: { totalKcal: number; previousTotalKcal: number | null } | null;
  readonly sleep: {
    nights: number;
    averageMinutes: number;
    averageHours: number;
    averageRestMinutes: number;
    stageAverageMinutes: { deep: number; rem: number; light: number; awake: number };
    previousAverageMinutes: number | null;
  } | null;
  readonly workouts: {
    count: number;
    totalMinutes: number;
    totalKm: number;
    bySport: { sport: SportType; count: number; minutes: number; km: number }[];
    previousCount: number;
  };
  readonly restingHeartRate: { average: number; previousAverage: number | null } | null;
  readonly hrv: { averageMs: number; previousAverageMs: number | null } | null;
  readonly weight: { latestKg: number; changeKg: number | null; previousAverageKg: number | null } | null;
}

const round = (n: number) => Math.round(n);
const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** The local day a record belongs to (sleep: the morning it ended). */
export function recordDate(record: CanonicalRecord): string {
  switch (record.type) {
    case 'workout':
      return localDateOf(record.startTime, record.utcOffsetMinutes);
    case 'sleep':
      return localDateOf(record.endTime, record.utcOffsetMinutes);
    case 'body_measurement':
      return localDateOf(record.time, record.utcOffsetMinutes);
    default:
      return record.date;
  }
}

const inSpan = (span: DateSpan) => (r: CanonicalRecord) => {
  const date = recordDate(r);
  return date >= span.from && date <= span.to;
};

/**
 * Aggregates for `week` against `previous` from records of every connected source. Sources
 * overlap (a watch's workout reaches two clouds), so each day counts once: the fullest day
 * total, the longest night, one workout per slot (the matcher's "same or conflicting" pairs).
 */
export function aggregateWeek(
  records: readonly CanonicalRecord[],
  week: DateSpan,
  previous: DateSpan,
): WeeklyAggregates {
  const current = records.filter(inSpan(week));
  const before = records.filter(inSpan(previous));
  const days = bestPerDay(ofType(current, 'daily_activity'), (d) => d.steps?.value ?? 0);
  const previousDays = bestPerDay(ofType(before, 'daily_activity'), (d) => d.steps?.value ?? 0);
  return {
    steps: steps(days, previousDays),
    activeEnergy: activeEnergy(days, previousDays),
    sleep: sleep(ofType(current, 'sleep'), ofType(before, 'sleep')),
    workouts: workouts(
      distinctWorkouts(ofType(current, 'workout')),
      distinctWorkouts(ofType(before, 'workout')),
    ),
    restingHeartRate: restingHeartRate(days, previousDays),
    hrv: hrv(ofType(current, 'hrv'), ofType(before, 'hrv')),
    weight: weight(ofType(current, 'body_measurement'), ofType(before, 'body_measurement')),
  };
}

function ofType<T extends CanonicalRecord['type']>(
  records: readonly CanonicalRecord[],
  type: T,
): RecordOf<T>[] {
  return records.filter((r): r is RecordOf<T> => r.type === type);
}

function bestPerDay<R extends CanonicalRecord>(records: readonly R[], size: (r: R) => number): R[] {
  const byDay = new Map<string, R>();
  for (const r of records) {
    const held = byDay.get(recordDate(r));
    if (held === undefined || size(r) > size(held)) byDay.set(recordDate(r), r);
  }
  return [...byDay.values()];
}

function steps(
  days: RecordOf<'daily_activity'>[],
  previous: RecordOf<'daily_activity'>[],
): WeeklyAggregates['steps'] {
  const counted = days.flatMap((d) => (d.steps === undefined ? [] : [d.steps.value]));
  if (counted.length === 0) return null;
  const total = round(counted.reduce((a, b) => a + b, 0));
  const before = previous.flatMap((d) => (d.steps === undefined ? [] : [d.steps.value]));
  const previousTotal = before.length === 0 ? null : round(before.reduce((a, b) => a + b, 0));
  return {
    total,
    dailyAverage: round(total / counted.length),
    days: counted.length,
    previousTotal,
    changePercent:
      previousTotal === null || previousTotal === 0
        ? null
        : round(((total - previousTotal) / previousTotal) * 100),
  };
}

function activeEnergy(
  days: RecordOf<'daily_activity'>[],
  previous: RecordOf<'daily_activity'>[],
): WeeklyAggregates['activeEnergy'] {
  const kcal = days.flatMap((d) => (d.activeEnergy === undefined ? [] : [d.activeEnergy.value]));
  if (kcal.length === 0) return null;
  const before = previous.flatMap((d) => (d.activeEnergy === undefined ? [] : [d.activeEnergy.value]));
  return {
    totalKcal: round(kcal.reduce((a, b) => a + b, 0)),
    previousTotalKcal: before.length === 0 ? null : round(before.reduce((a, b) => a + b, 0)),
  };
}

function sleep(nights: RecordOf<'sleep'>[], previous: RecordOf<'sleep'>[]): WeeklyAggregates['sleep'] {
  const length = (s: RecordOf<'sleep'>) => minutesBetween(s.startTime, s.endTime);
  const chosen = bestPerDay(nights, length);
  if (chosen.length === 0) return null;
  const stage = (name: 'deep' | 'rem' | 'light' | 'awake') =>
    round(
      mean(
        chosen.map((s) =>
          s.stages
            .filter((x) => x.stage === name)
            .reduce((sum, x) => sum + minutesBetween(x.startTime, x.endTime), 0),
        ),
      ),
    );
  const averageMinutes = round(mean(chosen.map(length)));
  const before = bestPerDay(previous, length);
  return {
    nights: chosen.length,
    averageMinutes,
    averageHours: Math.floor(averageMinutes / 60),
    averageRestMinutes: averageMinutes % 60,
    stageAverageMinutes: {
      deep: stage('deep'),
      rem: stage('rem'),
      light: stage('light'),
      awake: stage('awake'),
    },
    previousAverageMinutes: before.length === 0 ? null : round(mean(before.map(length))),
  };
}

function distinctWorkouts(all: RecordOf<'workout'>[]): RecordOf<'workout'>[] {
  const kept: RecordOf<'workout'>[] = [];
  // Longest first, so the fuller recording of a double-recorded session is the one kept.
  const ordered = [...all].sort(
    (a, b) => minutesBetween(b.startTime, b.endTime) - minutesBetween(a.startTime, a.endTime),
  );
  for (const w of ordered) {
    const found = createRecordMatcher(kept).find(w);
    if (found === undefined || found.result.verdict === 'different') kept.push(w);
  }
  return kept;
}

function workouts(
  current: RecordOf<'workout'>[],
  previous: RecordOf<'workout'>[],
): WeeklyAggregates['workouts'] {
  const bySport = new Map<SportType, { count: number; minutes: number; metres: number }>();
  for (const w of current) {
    const entry = bySport.get(w.sport) ?? { count: 0, minutes: 0, metres: 0 };
    entry.count += 1;
    entry.minutes += minutesBetween(w.startTime, w.endTime);
    entry.metres += w.distance?.value ?? 0;
    bySport.set(w.sport, entry);
  }
  const sports = [...bySport.entries()]
    .map(([sport, e]) => ({ sport, count: e.count, minutes: round(e.minutes), km: round1(e.metres / 1000) }))
    .sort((a, b) => b.minutes - a.minutes);
  return {
    count: current.length,
    totalMinutes: round(current.reduce((sum, w) => sum + minutesBetween(w.startTime, w.endTime), 0)),
    totalKm: round1(current.reduce((sum, w) => sum + (w.distance?.value ?? 0), 0) / 1000),
    bySport: sports,
    previousCount: previous.length,
  };
}

function restingHeartRate(
  days: RecordOf<'daily_activity'>[],
  previous: RecordOf<'daily_activity'>[],
): WeeklyAggregates['restingHeartRate'] {
  const values = days.flatMap((d) => (d.restingHeartRate === undefined ? [] : [d.restingHeartRate.value]));
  if (values.length === 0) return null;
  const before = previous.flatMap((d) =>
    d.restingHeartRate === undefined ? [] : [d.restingHeartRate.value],
  );
  return { average: round(mean(values)), previousAverage: before.length === 0 ? null : round(mean(before)) };
}

/** RMSSD only: SDNN is another statistic and is never averaged with it. */
function hrv(current: RecordOf<'hrv'>[], previous: RecordOf<'hrv'>[]): WeeklyAggregates['hrv'] {
  const dailyMeans = (records: RecordOf<'hrv'>[]) =>
    bestPerDay(records, (r) => r.samples.length).flatMap((r) => {
      const rmssd = r.samples.filter((s) => s.statistic === 'rmssd').map((s) => s.ms);
      return rmssd.length === 0 ? [] : [mean(rmssd)];
    });
  const values = dailyMeans(current);
  if (values.length === 0) return null;
  const before = dailyMeans(previous);
  return {
    averageMs: round(mean(values)),
    previousAverageMs: before.length === 0 ? null : round(mean(before)),
  };
}

function weight(
  current: RecordOf<'body_measurement'>[],
  previous: RecordOf<'body_measurement'>[],
): WeeklyAggregates['weight'] {
  const weighIns = (records: RecordOf<'body_measurement'>[]) =>
    records
      .flatMap((m) => (m.weight === undefined ? [] : [{ at: Date.parse(m.time), kg: m.weight.value }]))
      .sort((a, b) => a.at - b.at)
      // The same weigh-in reaching two clouds: within a minute, it is one.
      .filter((w, i, all) => i === 0 || w.at - (all[i - 1]?.at ?? 0) > 60_000);
  const week = weighIns(current);
  const last = week.at(-1);
  const first = week[0];
  if (last === undefined || first === undefined) return null;
  const before = weighIns(previous);
  return {
    latestKg: round1(last.kg),
    changeKg: week.length < 2 ? null : round1(last.kg - first.kg),
    previousAverageKg: before.length === 0 ? null : round1(mean(before.map((w) => w.kg))),
  };
}
