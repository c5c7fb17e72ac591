import { z } from 'zod';

/** The v2 `score_state`: only SCORED data is final; PENDING_SCORE comes back later with a score. */
export const scoreState = z.enum(['SCORED', 'PENDING_SCORE', 'UNSCORABLE']);
export type ScoreState = z.infer<typeof scoreState>;

const instant = z.string().min(10);
/** `"+hh:mm"` / `"-hh:mm"` (also `Z`). */
const offset = z.string().regex(/^(?:Z|[+-]\d{2}:?\d{2})$/);
const millis = z.number().nonnegative();
const id = z.union([z.number(), z.string().min(1)]).transform((v) => String(v));

export const whoopTokenResponse = z.object({
  access_token: z.string().min(1),
  /** Present only when `offline` was granted. */
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});
export type WhoopTokenResponse = z.infer<typeof whoopTokenResponse>;

export const whoopProfile = z.object({ user_id: id }).loose();

/** Every v2 collection: `{records, next_token}`; the token goes back as the `nextToken` query. */
export const whoopPage = z.object({
  records: z.array(z.unknown()),
  next_token: z.string().nullish(),
});

export const whoopWorkout = z
  .object({
    id: z.string().min(1),
    user_id: id,
    start: instant,
    end: instant,
    timezone_offset: offset,
    sport_name: z.string().nullish(),
    sport_id: z.number().nullish(),
    score_state: scoreState,
    score: z
      .object({
        strain: z.number().nullish(),
        average_heart_rate: z.number().nullish(),
        max_heart_rate: z.number().nullish(),
        kilojoule: z.number().nullish(),
        distance_meter: z.number().nullish(),
        altitude_gain_meter: z.number().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type WhoopWorkout = z.infer<typeof whoopWorkout>;

export const whoopStageSummary = z
  .object({
    total_in_bed_time_milli: millis,
    total_awake_time_milli: millis,
    total_light_sleep_time_milli: millis,
    total_slow_wave_sleep_time_milli: millis,
    total_rem_sleep_time_milli: millis,
    total_no_data_time_milli: millis.nullish(),
    sleep_cycle_count: z.number().nullish(),
    disturbance_count: z.number().nullish(),
  })
  .loose();
export type WhoopStageSummary = z.infer<typeof whoopStageSummary>;

export const whoopSleep = z
  .object({
    id: z.string().min(1),
    cycle_id: id.nullish(),
    user_id: id,
    start: instant,
    end: instant,
    timezone_offset: offset,
    nap: z.boolean().nullish(),
    score_state: scoreState,
    score: z.object({ stage_summary: whoopStageSummary }).loose().nullish(),
  })
  .loose();
export type WhoopSleep = z.infer<typeof whoopSleep>;

export const whoopCycle = z
  .object({
    id,
    user_id: id,
    start: instant,
    /** Null while the cycle (physiological day) is still running. */
    end: instant.nullish(),
    timezone_offset: offset,
    score_state: scoreState,
    score: z
      .object({
        strain: z.number().nullish(),
        kilojoule: z.number().nullish(),
        average_heart_rate: z.number().nullish(),
        max_heart_rate: z.number().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type WhoopCycle = z.infer<typeof whoopCycle>;

export const whoopRecovery = z
  .object({
    cycle_id: id,
    sleep_id: z.string().nullish(),
    user_id: id,
    score_state: scoreState,
    score: z
      .object({
        recovery_score: z.number().nullish(),
        resting_heart_rate: z.number().nullish(),
        hrv_rmssd_milli: z.number().nullish(),
        spo2_percentage: z.number().nullish(),
        skin_temp_celsius: z.number().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type WhoopRecovery = z.infer<typeof whoopRecovery>;

/** v2 webhook body: notify-only. `id` is a UUID for sleep/workout v2 payloads. */
export const whoopWebhookPayload = z
  .object({ user_id: id, id, type: z.string().min(1), trace_id: z.string().optional() })
  .loose();
