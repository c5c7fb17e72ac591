import type { DataType } from '@syncwell/core';

/** What the user's own words say about the problem; keyword rules, deliberately simple. */
export interface Complaint {
  readonly aboutHistory: boolean;
  readonly aboutDelay: boolean;
  readonly dataTypes: readonly DataType[];
}

const TYPE_PATTERNS: readonly [DataType, RegExp][] = [
  ['workout', /\b(workouts?|runs?|rides?|activit(y|ies)|exercises?|swims?|training)\b/i],
  ['sleep', /\b(sleep|nights?)\b/i],
  ['daily_activity', /\b(steps|calories|daily totals?)\b/i],
  ['body_measurement', /\b(weight|weigh-ins?|scale|body fat)\b/i],
  ['heart_rate', /\b(heart rate|pulse|bpm)\b/i],
  ['hrv', /\b(hrv|heart-rate variability)\b/i],
  ['spo2', /\b(spo2|blood oxygen)\b/i],
];

export function readComplaint(text: string): Complaint {
  return {
    aboutHistory:
      /\b(history|historical|import|backfill|older|old (workouts|data)|past (weeks|months|years))\b/i.test(
        text,
      ),
    aboutDelay:
      /\b(late|delay(ed)?|slow|takes? (hours|ages|long)|took (hours|ages|long)|only (shows?|arrives?) (up )?later)\b/i.test(
        text,
      ),
    dataTypes: TYPE_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([type]) => type),
  };
}

/**
 * The user's words as an LLM may see them: digits replaced, because a complaint can quote a
 * health value ("my 12,000 steps are missing") and the troubleshooter never needs one.
 */
export function withoutNumbers(text: string): string {
  return text.replace(/\d+([.,]\d+)*/g, '#');
}
