import { z } from 'zod';

const id = z.union([z.number(), z.string().min(1)]).transform((v) => String(v));
const num = z.number();
const optNum = z.number().nullish();

/** Every answer: HTTP 200 and `{status, body}`; `status` 0 is success, anything else an error. */
export const withingsEnvelope = z
  .object({ status: z.number().int(), body: z.unknown().optional(), error: z.string().optional() })
  .loose();

export const withingsTokenBody = z
  .object({
    userid: id,
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    expires_in: num,
    scope: z.string().optional(),
    csrf_token: z.string().optional(),
    token_type: z.string().optional(),
  })
  .loose();

/** Paging fields shared by the list actions: repeat with `offset` while `more` is 1. */
const paging = { more: z.union([z.boolean(), z.number()]).optional(), offset: z.number().optional() };

export const withingsMeasure = z
  .object({ value: num, type: num, unit: num, algo: optNum, fm: optNum })
  .loose();
export const withingsMeasureGroup = z
  .object({
    grpid: id,
    attrib: optNum,
    date: num,
    created: optNum,
    modified: optNum,
    category: optNum,
    deviceid: z.string().nullish(),
    measures: z.array(withingsMeasure),
  })
  .loose();
export type WithingsMeasureGroup = z.infer<typeof withingsMeasureGroup>;
export const withingsMeasureBody = z
  .object({
    updatetime: optNum,
    timezone: z.string().optional(),
    measuregrps: z.array(z.unknown()),
    ...paging,
  })
  .loose();

export const withingsActivity = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    timezone: z.string().min(1),
    deviceid: z.string().nullish(),
    modified: optNum,
    steps: optNum,
    distance: optNum,
    calories: optNum,
    totalcalories: optNum,
    soft: optNum,
    moderate: optNum,
    intense: optNum,
    active: optNum,
    hr_average: optNum,
    hr_min: optNum,
    hr_max: optNum,
  })
  .loose();
export type WithingsActivity = z.infer<typeof withingsActivity>;
export const withingsActivityBody = z.object({ activities: z.array(z.unknown()), ...paging }).loose();

export const withingsSleepSummary = z
  .object({
    id: id,
    timezone: z.string().min(1),
    startdate: num,
    enddate: num,
    date: z.string().optional(),
    modified: optNum,
    model: optNum,
    data: z
      .object({
        deepsleepduration: optNum,
        lightsleepduration: optNum,
        remsleepduration: optNum,
        wakeupcount: optNum,
        hr_average: optNum,
        sleep_score: optNum,
      })
      .loose()
      .optional(),
  })
  .loose();
export type WithingsSleepSummary = z.infer<typeof withingsSleepSummary>;
export const withingsSleepSummaryBody = z.object({ series: z.array(z.unknown()), ...paging }).loose();

export const withingsSleepState = z.object({ startdate: num, enddate: num, state: num }).loose();
export type WithingsSleepState = z.infer<typeof withingsSleepState>;
export const withingsSleepBody = z.object({ series: z.array(withingsSleepState) }).loose();

export const withingsWorkout = z
  .object({
    id: id,
    category: num,
    timezone: z.string().min(1),
    startdate: num,
    enddate: num,
    date: z.string().optional(),
    modified: optNum,
    deviceid: z.string().nullish(),
    model: optNum,
    data: z
      .object({
        calories: optNum,
        distance: optNum,
        effduration: optNum,
        hr_average: optNum,
        hr_max: optNum,
        hr_min: optNum,
        steps: optNum,
      })
      .loose()
      .optional(),
  })
  .loose();
export type WithingsWorkout = z.infer<typeof withingsWorkout>;
export const withingsWorkoutBody = z.object({ series: z.array(z.unknown()), ...paging }).loose();

/** `getintradayactivity`: a series keyed by epoch second. */
export const withingsIntradayBody = z
  .object({
    series: z.union([
      z.record(z.string(), z.object({ heart_rate: optNum, steps: optNum }).loose()),
      // An empty series arrives as `[]`.
      z.array(z.unknown()).max(0),
    ]),
  })
  .loose();

/** A Notify delivery, form-encoded: the data is never in it, only who and when. */
export const withingsNotification = z.object({
  userid: z.string().regex(/^\d+$/),
  appli: z.string().regex(/^\d+$/).transform(Number),
  startdate: z.string().regex(/^\d+$/).transform(Number).optional(),
  enddate: z.string().regex(/^\d+$/).transform(Number).optional(),
  date: z.string().optional(),
  deviceid: z.string().optional(),
  action: z.string().optional(),
});
