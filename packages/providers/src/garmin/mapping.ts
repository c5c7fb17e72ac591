import {
  dailyActivity,
  heartRateSamples,
  workout,
  type DailyActivity,
  type HeartRateSamples,
  type Workout,
} from '@syncwell/core';
import type { z } from 'zod';
import { multisportFromFile } from '../formats/file-legs.js';
import { epochSecondsToIso, offsetSamples, offsetSecondsToMinutes } from './garmin-time.js';
import { validated, type Mapped } from './mapping-result.js';
import type { GarminActivity, GarminDaily } from './schemas.js';
import { sportFromGarmin } from './sport-table.js';

const bpm = (value: number) => ({ value, unit: '/min' as const });

/**
 * An `activities` summary plus its decoded FIT file (null when there is none: manual entries,
 * indoor activities, or a file not yet delivered). The summary is authoritative for time, sport
 * and totals; the file adds the GPS track and laps and fills totals the summary lacks.
 */
export function garminActivityToWorkout(activity: GarminActivity, fit: Workout | null): Mapped<Workout> {
  const start = activity.startTimeInSeconds;
  const summarySport = sportFromGarmin(activity.activityType);
  const avg = activity.averageHeartRateInBeatsPerMinute;
  const max = activity.maxHeartRateInBeatsPerMinute;
  const heartRate =
    avg !== undefined && max !== undefined ? { average: bpm(avg), maximum: bpm(max) } : fit?.heartRate;
  const distance =
    activity.distanceInMeters === undefined
      ? fit?.distance
      : { value: activity.distanceInMeters, unit: 'm' as const };
  const energy =
    activity.activeKilocalories === undefined
      ? fit?.energy
      : { value: activity.activeKilocalories, unit: 'kcal' as const };
  const candidate: z.input<typeof workout> = {
    type: 'workout',
    provenance: {
      provider: 'garmin',
      externalId: activity.summaryId,
      device: {
        manufacturer: 'Garmin',
        ...(activity.deviceName === undefined ? {} : { model: activity.deviceName.slice(0, 100) }),
      },
    },
    sport: summarySport === 'other' && fit !== null ? fit.sport : summarySport,
    ...(activity.activityName === undefined ? {} : { name: activity.activityName.slice(0, 255) }),
    startTime: epochSecondsToIso(start),
    endTime: epochSecondsToIso(start + activity.durationInSeconds),
    utcOffsetMinutes: offsetSecondsToMinutes(activity.startTimeOffsetInSeconds),
    ...(fit?.movingTime === undefined ? {} : { movingTime: fit.movingTime }),
    ...(distance === undefined ? {} : { distance }),
    ...(energy === undefined ? {} : { energy }),
    ...(heartRate === undefined ? {} : { heartRate }),
    laps: fit?.laps ?? [],
    ...(fit?.track === undefined || fit.track.length === 0 ? {} : { track: fit.track }),
  };
  return validated(workout, { ...candidate, ...multisportFromFile(fit, candidate) }, 'activity');
}

/**
 * A `dailies` summary → one local day's totals. `calendarDate` is already the wearer's local
 * day; total energy is active + BMR, because Garmin reports the two apart.
 */
export function garminDailyToActivity(daily: GarminDaily): Mapped<DailyActivity> {
  const { activeKilocalories: active, bmrKilocalories: bmr } = daily;
  const candidate: z.input<typeof dailyActivity> = {
    type: 'daily_activity',
    provenance: { provider: 'garmin', externalId: daily.summaryId, device: { manufacturer: 'Garmin' } },
    date: daily.calendarDate,
    utcOffsetMinutes: offsetSecondsToMinutes(daily.startTimeOffsetInSeconds),
    ...(daily.steps === undefined
      ? {}
      : { steps: { value: Math.round(daily.steps), unit: '{steps}' as const } }),
    ...(daily.distanceInMeters === undefined
      ? {}
      : { distance: { value: daily.distanceInMeters, unit: 'm' as const } }),
    ...(active === undefined ? {} : { activeEnergy: { value: active, unit: 'kcal' as const } }),
    ...(active === undefined || bmr === undefined
      ? {}
      : { totalEnergy: { value: active + bmr, unit: 'kcal' as const } }),
    ...(daily.activeTimeInSeconds === undefined
      ? {}
      : { activeTime: { value: daily.activeTimeInSeconds, unit: 's' as const } }),
    ...(daily.restingHeartRateInBeatsPerMinute === undefined
      ? {}
      : { restingHeartRate: bpm(daily.restingHeartRateInBeatsPerMinute) }),
  };
  return validated(dailyActivity, candidate, 'daily summary');
}

/**
 * The day's `timeOffsetHeartRateSamples` (seconds after the summary's start → bpm) as samples.
 * Null when the day has none; zero readings (no contact) are dropped, not passed on.
 */
export function garminDailyToHeartRate(daily: GarminDaily): Mapped<HeartRateSamples> | null {
  const samples = offsetSamples(daily.startTimeInSeconds, daily.timeOffsetHeartRateSamples)
    .filter(([, value]) => value >= 20 && value <= 260)
    .map(([time, value]) => ({ time, bpm: Math.round(value) }));
  if (samples.length === 0) return null;
  return validated(
    heartRateSamples,
    {
      type: 'heart_rate',
      provenance: {
        provider: 'garmin',
        externalId: `${daily.summaryId}:hr`,
        device: { manufacturer: 'Garmin' },
      },
      date: daily.calendarDate,
      utcOffsetMinutes: offsetSecondsToMinutes(daily.startTimeOffsetInSeconds),
      samples,
    },
    'heart-rate samples',
  );
}
