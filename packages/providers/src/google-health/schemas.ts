import { z } from 'zod';

/**
 * Raw Google Health API shapes. The shared reference gives only endpoint paths; field names here
 * follow open-wearables' production client [S] (`ow:backend/app/services/providers/google_health`).
 * Google omits empty fields and sends 64-bit integers as JSON strings, so numbers accept both.
 */
export const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

export const googleTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: numeric.optional(),
  /** Present on the code exchange with `access_type=offline`; absent on refresh (not rotated). */
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});
export type GoogleTokenResponse = z.infer<typeof googleTokenResponse>;

/** `GET /v4/users/me/identity`: `healthUserId` is what subscriber notifications name. */
export const googleIdentity = z.looseObject({
  healthUserId: z.string().min(1),
  legacyUserId: z.string().optional(),
});

/** The envelope shared by list, reconcile and rollUp; an exhausted window may be `{}`. */
export const dataPointsPage = z.looseObject({
  dataPoints: z.array(z.unknown()).default([]),
  nextPageToken: z.string().optional(),
});

const interval = z.looseObject({
  startTime: z.string().min(10),
  endTime: z.string().min(10),
  startUtcOffset: z.string().optional(),
  endUtcOffset: z.string().optional(),
});
const sampleTime = z.looseObject({ physicalTime: z.string().min(10), utcOffset: z.string().optional() });
const dataSource = z
  .looseObject({
    platform: z.string().optional(),
    device: z
      .looseObject({
        displayName: z.string().optional(),
        manufacturer: z.string().optional(),
        formFactor: z.string().optional(),
      })
      .optional(),
  })
  .optional();
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- S carries the body's type into the returned schema
const point = <K extends string, S extends z.ZodType>(key: K, body: S) =>
  z.looseObject({ name: z.string().min(1).optional(), dataSource }).extend({ [key]: body } as Record<K, S>);

export const exercisePoint = point(
  'exercise',
  z.looseObject({
    interval,
    exerciseType: z.string().optional(),
    displayName: z.string().optional(),
    /** Time in motion as a protobuf Duration (`"1830s"`). */
    activeDuration: z.string().optional(),
    metricsSummary: z
      .looseObject({
        caloriesKcal: numeric.optional(),
        /** Millimetres, not metres. */
        distanceMillimeters: numeric.optional(),
        steps: numeric.optional(),
        averageHeartRateBeatsPerMinute: numeric.optional(),
      })
      .optional(),
  }),
);
export type ExercisePoint = z.infer<typeof exercisePoint>;

export const sleepPoint = point(
  'sleep',
  z.looseObject({
    interval,
    type: z.string().optional(),
    stages: z
      .array(z.looseObject({ startTime: z.string(), endTime: z.string(), type: z.string() }))
      .default([]),
    metadata: z.looseObject({ nap: z.boolean().optional(), mainSleep: z.boolean().optional() }).optional(),
  }),
);
export type SleepPoint = z.infer<typeof sleepPoint>;

export const stepsPoint = point('steps', z.looseObject({ interval, count: numeric }));
export type StepsPoint = z.infer<typeof stepsPoint>;

export const heartRatePoint = point('heartRate', z.looseObject({ sampleTime, beatsPerMinute: numeric }));
export type HeartRatePoint = z.infer<typeof heartRatePoint>;

/** Weight comes in grams. */
export const weightPoint = point('weight', z.looseObject({ sampleTime, weightGrams: numeric }));
export type WeightPoint = z.infer<typeof weightPoint>;

export const bodyFatPoint = point('bodyFat', z.looseObject({ sampleTime, percentage: numeric }));
export type BodyFatPoint = z.infer<typeof bodyFatPoint>;

/** One subscriber notification; Google batches them in a JSON array. */
export const googleNotification = z.looseObject({
  data: z.looseObject({
    healthUserId: z.string().min(1),
    operation: z.enum(['UPSERT', 'DELETE']),
    dataType: z.string().min(1),
    intervals: z
      .array(
        z.looseObject({
          physicalTimeInterval: z.looseObject({ startTime: z.string(), endTime: z.string() }).optional(),
        }),
      )
      .default([]),
  }),
});
export type GoogleNotification = z.infer<typeof googleNotification>;
