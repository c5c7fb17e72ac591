import { z } from 'zod';
import { bodyMeasurement } from './body-measurement.js';
import { dailyActivity } from './daily-activity.js';
import { heartRateSamples } from './heart-rate.js';
import { sleepSession } from './sleep.js';
import { hrvSamples, spo2Samples } from './vital-samples.js';
import { workout } from './workout.js';

export const DATA_TYPES = [
  'workout',
  'daily_activity',
  'sleep',
  'body_measurement',
  'heart_rate',
  'hrv',
  'spo2',
] as const;
export const dataType = z.enum(DATA_TYPES);
export type DataType = z.infer<typeof dataType>;

export const canonicalRecord = z.union([
  workout,
  dailyActivity,
  sleepSession,
  bodyMeasurement,
  heartRateSamples,
  hrvSamples,
  spo2Samples,
]);
export type CanonicalRecord = z.infer<typeof canonicalRecord>;
export type RecordOf<T extends DataType> = Extract<CanonicalRecord, { type: T }>;
