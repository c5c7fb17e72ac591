import { z } from 'zod';

/** A local calendar day, `YYYY-MM-DD` (Oura's `day`). */
const day = z.iso.date();
/** Oura sends ISO-8601 with an offset (`2026-11-20T22:41:07+02:00`); the offset is the wearer's. */
const offsetDateTime = z.string().min(16);
const count = z.number().nonnegative();

export const ouraTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});
export type OuraTokenResponse = z.infer<typeof ouraTokenResponse>;

export const ouraPersonalInfo = z.object({ id: z.string().min(1) }).loose();

/** Every collection: `{"data": [...], "next_token": "..." | null}`. Items are checked one by one. */
export const ouraCollectionPage = z.object({
  data: z.array(z.unknown()),
  next_token: z.string().min(1).nullish(),
});

export const ouraWorkout = z
  .object({
    id: z.string().min(1),
    activity: z.string().min(1),
    calories: count.nullish(),
    day,
    /** Metres. */
    distance: count.nullish(),
    start_datetime: offsetDateTime,
    end_datetime: offsetDateTime,
    intensity: z.string().nullish(),
    label: z.string().nullish(),
    source: z.string().nullish(),
  })
  .loose();
export type OuraWorkout = z.infer<typeof ouraWorkout>;

export const ouraDailyActivity = z
  .object({
    id: z.string().min(1),
    day,
    steps: z.number().int().nonnegative(),
    active_calories: count.nullish(),
    total_calories: count.nullish(),
    /** Metres. */
    equivalent_walking_distance: count.nullish(),
    /** Seconds, like every Oura duration. */
    high_activity_time: count.nullish(),
    medium_activity_time: count.nullish(),
    low_activity_time: count.nullish(),
    /** The start of the local activity day, with the wearer's offset. */
    timestamp: offsetDateTime,
  })
  .loose();
export type OuraDailyActivity = z.infer<typeof ouraDailyActivity>;

const sampleSeries = z.object({
  interval: z.number().positive(),
  items: z.array(z.number().nullable()),
  timestamp: offsetDateTime,
});

export const ouraSleep = z
  .object({
    id: z.string().min(1),
    day,
    type: z.string().min(1),
    bedtime_start: offsetDateTime,
    bedtime_end: offsetDateTime,
    /** One character per 5-minute epoch from `bedtime_start`: 1 deep, 2 light, 3 REM, 4 awake. */
    sleep_phase_5_min: z.string().nullish(),
    /** RMSSD in ms every `interval` seconds; null where the ring had no reading. */
    hrv: sampleSeries.nullish(),
    heart_rate: sampleSeries.nullish(),
    total_sleep_duration: count.nullish(),
  })
  .loose();
export type OuraSleep = z.infer<typeof ouraSleep>;

export const ouraDailySpo2 = z
  .object({
    id: z.string().min(1),
    day,
    spo2_percentage: z.object({ average: z.number() }).loose().nullish(),
    breathing_disturbance_index: z.number().nullish(),
  })
  .loose();
export type OuraDailySpo2 = z.infer<typeof ouraDailySpo2>;

export const ouraHeartRate = z
  .object({ bpm: z.number().int(), source: z.string().min(1), timestamp: offsetDateTime })
  .loose();
export type OuraHeartRate = z.infer<typeof ouraHeartRate>;

export const ouraWebhookEvent = z
  .object({
    event_type: z.enum(['create', 'update', 'delete']),
    data_type: z.string().min(1),
    object_id: z.string().min(1).optional(),
    event_time: z.string().optional(),
    user_id: z.string().min(1),
  })
  .loose();
