import { z } from 'zod';

/** Epoch seconds, UTC. Garmin never sends ISO strings for instants. */
const epochSeconds = z.number().int().nonnegative();
const offsetSeconds = z
  .number()
  .int()
  .min(-14 * 3600)
  .max(14 * 3600);
const count = z.number().nonnegative();
const idText = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

export const garminTokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  /** Garmin-specific: the refresh token's own lifetime, also unknown in value [U]. */
  refresh_token_expires_in: z.number().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});
export type GarminTokenResponse = z.infer<typeof garminTokenResponse>;

export const garminUserId = z.object({ userId: z.string().min(1) });
export const garminPermissions = z.object({ permissions: z.array(z.string()) });

/** `activities` summary: totals only; the route and laps come from the activity file. */
export const garminActivity = z
  .object({
    userId: z.string().optional(),
    summaryId: idText,
    activityId: idText.optional(),
    activityType: z.string().optional(),
    activityName: z.string().optional(),
    startTimeInSeconds: epochSeconds,
    startTimeOffsetInSeconds: offsetSeconds,
    durationInSeconds: count,
    distanceInMeters: count.optional(),
    steps: count.optional(),
    activeKilocalories: count.optional(),
    averageHeartRateInBeatsPerMinute: count.optional(),
    maxHeartRateInBeatsPerMinute: count.optional(),
    deviceName: z.string().optional(),
    manual: z.boolean().optional(),
    isWebUpload: z.boolean().optional(),
  })
  .loose();
export type GarminActivity = z.infer<typeof garminActivity>;

/** `activityFiles` entry (a ping): where to download the FIT/TCX/GPX file. */
export const garminActivityFile = z
  .object({
    userId: z.string().optional(),
    summaryId: idText,
    activityId: idText.optional(),
    fileType: z.enum(['FIT', 'TCX', 'GPX']),
    callbackURL: z.string().min(1),
  })
  .loose();
export type GarminActivityFile = z.infer<typeof garminActivityFile>;

export const garminDaily = z
  .object({
    userId: z.string().optional(),
    summaryId: idText,
    calendarDate: z.iso.date(),
    startTimeInSeconds: epochSeconds,
    startTimeOffsetInSeconds: offsetSeconds,
    durationInSeconds: count,
    steps: count.optional(),
    distanceInMeters: count.optional(),
    activeKilocalories: count.optional(),
    bmrKilocalories: count.optional(),
    activeTimeInSeconds: count.optional(),
    restingHeartRateInBeatsPerMinute: count.optional(),
    /** `{"<seconds after startTimeInSeconds>": bpm}`. */
    timeOffsetHeartRateSamples: z.record(z.string(), z.number()).optional(),
  })
  .loose();
export type GarminDaily = z.infer<typeof garminDaily>;

const stageSpan = z.object({ startTimeInSeconds: epochSeconds, endTimeInSeconds: epochSeconds });
export const garminSleep = z
  .object({
    userId: z.string().optional(),
    summaryId: idText,
    calendarDate: z.iso.date().optional(),
    startTimeInSeconds: epochSeconds,
    startTimeOffsetInSeconds: offsetSeconds.default(0),
    durationInSeconds: count,
    sleepLevelsMap: z.partialRecord(z.enum(['deep', 'light', 'rem', 'awake']), z.array(stageSpan)).optional(),
    /** e.g. `AUTO_TENTATIVE`, `ENHANCED_FINAL`: sleep is re-sent when finalised. */
    validation: z.string().optional(),
  })
  .loose();
export type GarminSleep = z.infer<typeof garminSleep>;

export const garminBodyComp = z
  .object({
    userId: z.string().optional(),
    summaryId: idText,
    measurementTimeInSeconds: epochSeconds,
    measurementTimeOffsetInSeconds: offsetSeconds.default(0),
    /** Grams, not kilograms. */
    weightInGrams: count.optional(),
    bodyFatInPercent: z.number().min(0).max(100).optional(),
    bodyMassIndex: count.optional(),
    muscleMassInGrams: count.optional(),
  })
  .loose();
export type GarminBodyComp = z.infer<typeof garminBodyComp>;

/** `hrv` and `pulseOx` field names are not in the cited sources [U]; read loosely. */
export const garminHrv = z
  .object({
    summaryId: idText,
    calendarDate: z.iso.date(),
    startTimeInSeconds: epochSeconds,
    startTimeOffsetInSeconds: offsetSeconds.default(0),
    hrvValues: z.record(z.string(), z.number()).optional(),
  })
  .loose();
export type GarminHrv = z.infer<typeof garminHrv>;

export const garminPulseOx = z
  .object({
    summaryId: idText,
    calendarDate: z.iso.date(),
    startTimeInSeconds: epochSeconds,
    startTimeOffsetInSeconds: offsetSeconds.default(0),
    timeOffsetSpo2Values: z.record(z.string(), z.number()).optional(),
  })
  .loose();
export type GarminPulseOx = z.infer<typeof garminPulseOx>;

/** A PUSH or PING body: `{"<summaryType>": [ {...}, ... ]}`, one or more types. */
export const garminNotification = z.record(z.string(), z.array(z.record(z.string(), z.unknown())));
