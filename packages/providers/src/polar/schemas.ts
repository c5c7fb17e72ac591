import { z } from 'zod';

const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const id = z.union([z.number(), z.string().min(1)]).transform((v) => String(v));

export const polarTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: numeric.nullish(),
  x_user_id: id,
});
export type PolarTokenResponse = z.infer<typeof polarTokenResponse>;

/** One entry of `GET /v3/exercises`: a summary; the route and laps come from the FIT file. */
export const polarExercise = z
  .object({
    id,
    /** UTC, sometimes without a zone designator. */
    upload_time: z.string().min(10),
    polar_user: z.string().nullish(),
    device: z.string().nullish(),
    /** Device-local wall-clock time without a zone; `start_time_utc_offset` places it. */
    start_time: z.string().min(10),
    start_time_utc_offset: numeric,
    /** ISO-8601 duration, e.g. `PT1H2M3.5S`. */
    duration: z.string().min(2),
    calories: numeric.nullish(),
    distance: numeric.nullish(),
    heart_rate: z.object({ average: numeric.nullish(), maximum: numeric.nullish() }).loose().nullish(),
    sport: z.string().nullish(),
    detailed_sport_info: z.string().nullish(),
    has_route: z.boolean().nullish(),
  })
  .loose();
export type PolarExercise = z.infer<typeof polarExercise>;

export const polarWebhookPayload = z
  .object({
    event: z.string().min(1),
    user_id: id.optional(),
    entity_id: id.optional(),
    timestamp: z.string().optional(),
    url: z.string().optional(),
  })
  .loose();
