import type { CanonicalRecord } from '../records/canonical-record.js';
import { matchBodyMeasurements } from './body-measurement-match.js';
import { matchDailyActivity, matchHeartRateDays, matchHrvDays, matchSpo2Days } from './daily-match.js';
import { different, type MatchResult } from './match-result.js';
import { matchSleep } from './sleep-match.js';
import { matchWorkouts } from './workout-match.js';

/**
 * Matches any two canonical records: records of different types are always `different`.
 * Symmetric: matchRecords(a, b).verdict === matchRecords(b, a).verdict, scores equal too.
 *
 * @example matchRecords(sourceRecord, destinationRecord).verdict // 'same' | 'conflict' | 'different'
 */
export function matchRecords(a: CanonicalRecord, b: CanonicalRecord): MatchResult {
  switch (a.type) {
    case 'workout':
      return b.type === 'workout' ? matchWorkouts(a, b) : different('type_differs');
    case 'daily_activity':
      return b.type === 'daily_activity' ? matchDailyActivity(a, b) : different('type_differs');
    case 'sleep':
      return b.type === 'sleep' ? matchSleep(a, b) : different('type_differs');
    case 'body_measurement':
      return b.type === 'body_measurement' ? matchBodyMeasurements(a, b) : different('type_differs');
    case 'heart_rate':
      return b.type === 'heart_rate' ? matchHeartRateDays(a, b) : different('type_differs');
    case 'hrv':
      return b.type === 'hrv' ? matchHrvDays(a, b) : different('type_differs');
    case 'spo2':
      return b.type === 'spo2' ? matchSpo2Days(a, b) : different('type_differs');
  }
}
