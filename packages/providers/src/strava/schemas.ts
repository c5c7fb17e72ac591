import { z } from 'zod';

/** Strava sends ids and some numbers as strings in places (`id_str`, form-ish payloads). */
const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const id = numeric.transform((n) => String(n));

export const stravaTokenResponse = z.object({
  token_type: z.string().optional(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_at: numeric.optional(),
  expires_in: numeric.optional(),
  athlete: z.object({ id }).loose().optional(),
});
export type StravaTokenResponse = z.infer<typeof stravaTokenResponse>;

/** The error `Fault` body; also what the token endpoint answers on a bad refresh token. */
export const stravaFault = z.object({
  message: z.string().optional(),
  error: z.string().optional(),
  errors: z
    .array(
      z
        .object({
          resource: z.string().optional(),
          field: z.string().optional(),
          code: z.string().optional(),
        })
        .loose(),
    )
    .optional(),
});

export const stravaSummaryActivity = z
  .object({
    id,
    name: z.string().nullish(),
    sport_type: z.string().nullish(),
    type: z.string().nullish(),
    start_date: z.iso.datetime(),
    /** Local wall-clock time that Strava suffixes with `Z` anyway: never parse it as UTC. */
    start_date_local: z.string().nullish(),
    utc_offset: numeric.nullish(),
    elapsed_time: numeric,
    moving_time: numeric.nullish(),
    distance: numeric.nullish(),
    average_heartrate: numeric.nullish(),
    max_heartrate: numeric.nullish(),
    calories: numeric.nullish(),
    trainer: z.boolean().nullish(),
    manual: z.boolean().nullish(),
    device_name: z.string().nullish(),
    external_id: z.string().nullish(),
  })
  .loose();
export type StravaSummaryActivity = z.infer<typeof stravaSummaryActivity>;

export const stravaLap = z
  .object({
    start_date: z.iso.datetime(),
    elapsed_time: numeric,
    distance: numeric.nullish(),
    average_heartrate: numeric.nullish(),
  })
  .loose();

export const stravaDetailedActivity = stravaSummaryActivity.extend({
  laps: z.array(stravaLap).nullish(),
});
export type StravaDetailedActivity = z.infer<typeof stravaDetailedActivity>;

const stream = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) }).loose();

/**
 * Samples are read loosely: real streams hold `null` where a sensor had nothing (a `latlng` of
 * `null` in a tunnel), and one bad sample must cost that point, not the whole track. The mapping
 * checks each sample and counts what it leaves out.
 */
const keyedStreams = z
  .object({
    time: stream(numeric.nullable()).optional(),
    latlng: stream(z.unknown()).optional(),
    altitude: stream(numeric.nullable()).optional(),
    heartrate: stream(numeric.nullable()).optional(),
  })
  .loose();

/** Without `key_by_type=true` Strava answers with an array of streams, each naming its `type`. */
const listedStreams = z
  .array(z.object({ type: z.string(), data: z.array(z.unknown()) }).loose())
  .transform((list): unknown => Object.fromEntries(list.map((entry) => [entry.type, entry])))
  .pipe(keyedStreams);

/** `GET /activities/{id}/streams`: keyed by type (`key_by_type=true`) or the plain array form. */
export const stravaStreamSet = z.union([keyedStreams, listedStreams]);
export type StravaStreamSet = z.infer<typeof stravaStreamSet>;

export const stravaUpload = z
  .object({
    id,
    external_id: z.string().nullish(),
    error: z.string().nullish(),
    status: z.string().nullish(),
    activity_id: id.nullish(),
  })
  .loose();
export type StravaUpload = z.infer<typeof stravaUpload>;

export const stravaWebhookEvent = z
  .object({
    object_type: z.enum(['activity', 'athlete']),
    object_id: id,
    aspect_type: z.enum(['create', 'update', 'delete']),
    owner_id: id,
    updates: z.record(z.string(), z.unknown()).optional(),
    subscription_id: id.optional(),
    event_time: numeric.optional(),
  })
  .loose();
export type StravaWebhookEvent = z.infer<typeof stravaWebhookEvent>;
