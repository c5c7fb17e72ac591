import type { SportType, Workout } from '@syncwell/core';

const ACTIVITY_TYPES: Partial<Record<SportType, string>> = {
  running: 'RUNNING',
  trail_running: 'TRAIL_RUNNING',
  treadmill_running: 'TREADMILL_RUNNING',
  walking: 'WALKING',
  hiking: 'HIKING',
  cycling: 'ROAD_BIKING',
  mountain_biking: 'MOUNTAIN_BIKING',
  indoor_cycling: 'INDOOR_CYCLING',
  swimming: 'LAP_SWIMMING',
  open_water_swimming: 'OPEN_WATER_SWIMMING',
  strength_training: 'STRENGTH_TRAINING',
  yoga: 'YOGA',
};

/**
 * A canonical workout as Garmin's `activities` summary (epoch seconds UTC plus the offset in
 * SECONDS) and its `activityFiles` entry (the callback URL is added when served).
 */
export function activityJson(userId: string, activityId: number, workout: Workout, deviceName: string) {
  const startS = Math.floor(Date.parse(workout.startTime) / 1000);
  const durationS = Math.round((Date.parse(workout.endTime) - Date.parse(workout.startTime)) / 1000);
  const activity: Record<string, unknown> = {
    userId,
    summaryId: String(activityId),
    activityId,
    activityType: ACTIVITY_TYPES[workout.sport] ?? 'OTHER',
    activityName: workout.name ?? 'Activity',
    startTimeInSeconds: startS,
    startTimeOffsetInSeconds: workout.utcOffsetMinutes * 60,
    durationInSeconds: durationS,
    deviceName,
    manual: false,
    isWebUpload: false,
    ...(workout.distance === undefined ? {} : { distanceInMeters: workout.distance.value }),
    ...(workout.energy === undefined ? {} : { activeKilocalories: Math.round(workout.energy.value) }),
    ...(workout.heartRate === undefined
      ? {}
      : {
          averageHeartRateInBeatsPerMinute: Math.round(workout.heartRate.average.value),
          maxHeartRateInBeatsPerMinute: Math.round(workout.heartRate.maximum.value),
        }),
  };
  const file = {
    userId,
    summaryId: `${activityId}-file`,
    activityId,
    fileType: 'FIT',
    startTimeInSeconds: startS,
  };
  return { activity, file, startS, endS: startS + durationS };
}
