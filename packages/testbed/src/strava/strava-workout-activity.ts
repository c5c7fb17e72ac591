import { workoutElapsedSeconds, type Workout } from '@syncwell/core';
import { haversineMetres, type NewStravaActivity, type StravaSample } from './strava-activity-model.js';
import { defaultActivityName, stravaSportFor } from './strava-sport-types.js';

export interface WorkoutActivityOptions {
  readonly athleteId: number;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly trainer?: boolean | undefined;
  readonly commute?: boolean | undefined;
  readonly externalId: string | null;
  readonly uploadId: number | null;
  readonly deviceName?: string | null | undefined;
}

function samplesOf(workout: Workout, startMs: number): StravaSample[] {
  const samples: StravaSample[] = [];
  let distance = 0;
  let previous: { lat: number; lon: number } | undefined;
  for (const point of workout.track ?? []) {
    if (previous !== undefined) distance += haversineMetres(previous.lat, previous.lon, point.lat, point.lon);
    previous = point;
    samples.push({
      offsetS: Math.round((Date.parse(point.time) - startMs) / 1000),
      lat: point.lat,
      lng: point.lon,
      distance,
      ...(point.altitudeM === undefined ? {} : { altitude: point.altitudeM }),
      ...(point.heartRateBpm === undefined ? {} : { heartrate: point.heartRateBpm }),
    });
  }
  return samples;
}

/** Turns a canonical workout into what Strava would store after processing its file. */
export function activityFromWorkout(workout: Workout, options: WorkoutActivityOptions): NewStravaActivity {
  const startDateMs = Date.parse(workout.startTime);
  const elapsedTime = Math.round(workoutElapsedSeconds(workout));
  const samples = samplesOf(workout, startDateMs);
  const sport = stravaSportFor(workout.sport);
  const localHour = new Date(startDateMs + workout.utcOffsetMinutes * 60_000).getUTCHours();
  const distance = workout.distance?.value ?? samples.at(-1)?.distance ?? 0;
  return {
    athleteId: options.athleteId,
    name: options.name ?? workout.name ?? defaultActivityName(sport.sportType, localHour),
    description: options.description ?? null,
    sportType: sport.sportType,
    startDateMs,
    utcOffsetMinutes: workout.utcOffsetMinutes,
    elapsedTime,
    movingTime: Math.round(workout.movingTime?.value ?? elapsedTime),
    distance,
    calories: workout.energy?.value ?? 0,
    manual: false,
    trainer: options.trainer ?? sport.trainer,
    commute: options.commute ?? false,
    private: false,
    deviceName: options.deviceName ?? workout.provenance.device?.model ?? null,
    externalId: options.externalId,
    uploadId: options.uploadId,
    samples,
    laps: workout.laps.map((lap) => ({
      startOffsetS: Math.round((Date.parse(lap.startTime) - startDateMs) / 1000),
      elapsedTime: Math.round((Date.parse(lap.endTime) - Date.parse(lap.startTime)) / 1000),
      distance: lap.distance?.value ?? 0,
      ...(lap.averageHeartRate === undefined ? {} : { averageHeartrate: lap.averageHeartRate.value }),
    })),
  };
}
