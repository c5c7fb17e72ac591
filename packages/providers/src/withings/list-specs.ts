import type { DataType } from '@syncwell/core';
import type { z } from 'zod';
import { WITHINGS_PATHS } from './facts.js';
import { activityToDaily, measureGroupToBody, workoutToCanonical, type Mapped } from './mapping.js';
import {
  withingsActivity,
  withingsActivityBody,
  withingsMeasureBody,
  withingsMeasureGroup,
  withingsSleepSummary,
  withingsSleepSummaryBody,
  withingsWorkout,
  withingsWorkoutBody,
} from './schemas.js';
import { localMidnightMs } from './timezone.js';

/**
 * How one `lastupdate`-paged action is read: where, which list in the body, how an item is
 * named, dated and mapped. `range` says which date parameters the action takes for a window.
 */
export interface ListSpec<T> {
  readonly path: string;
  readonly action: string;
  readonly extraParams: Readonly<Record<string, string>>;
  readonly range: 'epoch' | 'ymd';
  readonly body: z.ZodType<{ more?: boolean | number | undefined; offset?: number | undefined }>;
  readonly listOf: (body: Record<string, unknown>) => readonly unknown[];
  readonly item: z.ZodType<T>;
  readonly idOf: (item: T) => string;
  /** `modified` when sent; days without one fall back to their date (they are overwritten anyway). */
  readonly modifiedOf: (item: T) => number;
  /** The instant a range read filters on (ms). */
  readonly startMsOf: (item: T, body: Record<string, unknown>) => number;
  readonly map: (item: T, body: Record<string, unknown>) => Mapped;
}

const timezoneOf = (body: Record<string, unknown>): string =>
  typeof body.timezone === 'string' ? body.timezone : 'UTC';

export const measureSpec: ListSpec<z.infer<typeof withingsMeasureGroup>> = {
  path: WITHINGS_PATHS.measure,
  action: 'getmeas',
  // Weight, fat-free mass, fat ratio, fat mass; `category=1` leaves out the user's objectives.
  extraParams: { meastypes: '1,5,6,8', category: '1' },
  range: 'epoch',
  body: withingsMeasureBody,
  listOf: (body) => (body.measuregrps as unknown[] | undefined) ?? [],
  item: withingsMeasureGroup,
  idOf: (g) => g.grpid,
  modifiedOf: (g) => g.modified ?? g.date,
  startMsOf: (g) => g.date * 1000,
  map: (g, body) => measureGroupToBody(g, timezoneOf(body)),
};

export const activitySpec: ListSpec<z.infer<typeof withingsActivity>> = {
  path: WITHINGS_PATHS.measureV2,
  action: 'getactivity',
  extraParams: {
    data_fields:
      'steps,distance,elevation,soft,moderate,intense,active,calories,totalcalories,hr_average,hr_min,hr_max',
  },
  range: 'ymd',
  body: withingsActivityBody,
  listOf: (body) => (body.activities as unknown[] | undefined) ?? [],
  item: withingsActivity,
  idOf: (a) => a.date,
  modifiedOf: (a) => a.modified ?? Date.parse(`${a.date}T00:00:00Z`) / 1000,
  startMsOf: (a) => localMidnightMs(a.date, a.timezone) ?? Number.NaN,
  map: (a) => activityToDaily(a),
};

export const workoutSpec: ListSpec<z.infer<typeof withingsWorkout>> = {
  path: WITHINGS_PATHS.measureV2,
  action: 'getworkouts',
  extraParams: { data_fields: 'calories,distance,effduration,hr_average,hr_min,hr_max,steps' },
  range: 'ymd',
  body: withingsWorkoutBody,
  listOf: (body) => (body.series as unknown[] | undefined) ?? [],
  item: withingsWorkout,
  idOf: (w) => w.id,
  modifiedOf: (w) => w.modified ?? w.enddate,
  startMsOf: (w) => w.startdate * 1000,
  map: (w) => workoutToCanonical(w),
};

/** Sleep summaries; the stages come from one `sleep get` per night (see `sleep-stages.ts`). */
export const sleepSummarySpec: Omit<ListSpec<z.infer<typeof withingsSleepSummary>>, 'map'> = {
  path: WITHINGS_PATHS.sleep,
  action: 'getsummary',
  extraParams: {
    data_fields: 'deepsleepduration,lightsleepduration,remsleepduration,wakeupcount,hr_average,sleep_score',
  },
  range: 'ymd',
  body: withingsSleepSummaryBody,
  listOf: (body) => (body.series as unknown[] | undefined) ?? [],
  item: withingsSleepSummary,
  idOf: (s) => s.id,
  modifiedOf: (s) => s.modified ?? s.enddate,
  startMsOf: (s) => s.startdate * 1000,
};

export type ListDataType = Extract<DataType, 'workout' | 'body_measurement' | 'daily_activity' | 'sleep'>;
