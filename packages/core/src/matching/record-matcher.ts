import type { BodyMeasurement } from '../records/body-measurement.js';
import type { CanonicalRecord, DataType, RecordOf } from '../records/canonical-record.js';
import type { SleepSession } from '../records/sleep.js';
import { instantMs } from './iso-instant.js';
import { matchRecords } from './match-records.js';
import type { MatchResult } from './match-result.js';
import { TimeSorted } from './time-sorted.js';
import { BODY_TIME_TOLERANCE_MS } from './tolerances.js';
import { WorkoutIndex } from './workout-index.js';

/** A destination record the source record duplicates (`same`) or collides with (`conflict`). */
export interface MatchFound {
  readonly record: CanonicalRecord;
  readonly result: MatchResult;
}

/**
 * The destination's records for a sync window, indexed once; then each source record is looked
 * up in O(log n + k) (sorted starts and binary search) or O(1) (daily records by local day).
 * `find` returns the best-scoring destination record whose verdict is not `different`, exactly
 * what comparing the source against every destination record with matchRecords would pick.
 *
 * @example
 * const matcher = createRecordMatcher(destinationRecords);
 * const found = matcher.find(sourceRecord);
 * if (found?.result.verdict === 'same') skip(); else if (found) raiseConflict(found.record);
 */
export interface RecordMatcher {
  find(source: CanonicalRecord): MatchFound | undefined;
}

export function createRecordMatcher(destination: readonly CanonicalRecord[]): RecordMatcher {
  const ofType = <T extends DataType>(type: T) =>
    destination.filter((r): r is RecordOf<T> => r.type === type);
  const workouts = new WorkoutIndex(ofType('workout'));
  const daily = byLocalDay(ofType('daily_activity'));
  const heartRate = byLocalDay(ofType('heart_rate'));
  const hrv = byLocalDay(ofType('hrv'));
  const spo2 = byLocalDay(ofType('spo2'));
  const sleep = new SleepIndex(ofType('sleep'));
  const body = new TimeSorted(ofType('body_measurement'), (m) => instantMs(m.time));
  return {
    find(source) {
      switch (source.type) {
        case 'workout':
          return workouts.find(source);
        case 'daily_activity':
          return best(source, daily.get(source.date) ?? []);
        case 'heart_rate':
          return best(source, heartRate.get(source.date) ?? []);
        case 'hrv':
          return best(source, hrv.get(source.date) ?? []);
        case 'spo2':
          return best(source, spo2.get(source.date) ?? []);
        case 'sleep':
          return sleep.find(source);
        case 'body_measurement':
          return findBody(body, source);
      }
    },
  };
}

function byLocalDay<R extends { readonly date: string }>(records: readonly R[]): Map<string, R[]> {
  const days = new Map<string, R[]>();
  for (const record of records) {
    const day = days.get(record.date);
    if (day === undefined) days.set(record.date, [record]);
    else day.push(record);
  }
  return days;
}

/** Best non-`different` candidate; the first one wins a tie (candidates arrive in index order). */
function best(source: CanonicalRecord, candidates: Iterable<CanonicalRecord>): MatchFound | undefined {
  let found: MatchFound | undefined;
  for (const record of candidates) {
    const result = matchRecords(source, record);
    if (result.verdict !== 'different' && (found === undefined || result.score > found.result.score)) {
      found = { record, result };
    }
  }
  return found;
}

function* range<T>(sorted: TimeSorted<T>, from: number, to: number): Generator<T> {
  for (let i = sorted.lowerBound(from); i < sorted.size && (sorted.keys[i] as number) <= to; i++) {
    yield sorted.items[i] as T;
  }
}

function findBody(index: TimeSorted<BodyMeasurement>, source: BodyMeasurement): MatchFound | undefined {
  const time = instantMs(source.time);
  return best(source, range(index, time - BODY_TIME_TOLERANCE_MS, time + BODY_TIME_TOLERANCE_MS));
}

/** Sleep sessions by start; a lookup reaches back by the longest indexed session. */
class SleepIndex {
  readonly #sorted: TimeSorted<SleepSession>;
  readonly #longestMs: number;

  constructor(sessions: readonly SleepSession[]) {
    this.#sorted = new TimeSorted(sessions, (s) => instantMs(s.startTime));
    this.#longestMs = sessions.reduce(
      (max, s) => Math.max(max, instantMs(s.endTime) - instantMs(s.startTime)),
      0,
    );
  }

  find(source: SleepSession): MatchFound | undefined {
    const start = instantMs(source.startTime);
    const end = instantMs(source.endTime);
    // Any session overlapping [start, end] starts no earlier than start − longest and no later than end.
    return best(source, range(this.#sorted, start - this.#longestMs, end));
  }
}
