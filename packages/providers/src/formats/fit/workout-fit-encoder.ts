import { Encoder } from '@garmin/fitsdk';
import type {
  ActivityMesg,
  Encodable,
  EventMesg,
  FileIdMesg,
  LapMesg,
  Mesg,
  RecordMesg,
  SessionMesg,
} from '@garmin/fitsdk';
import type { Lap, Workout } from '@syncwell/core';
import { workoutElapsedSeconds } from '@syncwell/core';
import { fitSportOf } from './fit-sport-table.js';
import { degreesToSemicircles, haversineMetres, isoToFitSeconds } from './fit-units.js';

// Global message numbers from the FIT profile (Profile.MesgNum), spelled out because the SDK
// types that map as Record<string, number>, which strict indexing reads as possibly undefined.
const MESG = { FILE_ID: 0, SESSION: 18, LAP: 19, RECORD: 20, EVENT: 21, ACTIVITY: 34 } as const;

// FIT `altitude` is uint16 with scale 5 / offset 500; values outside this range cannot be stored.
const MIN_ALTITUDE_M = -500;
const MAX_ALTITUDE_M = 12_000;

/**
 * Encodes a canonical workout as a FIT activity file (file_id, timer events, one record per
 * track point, laps, one session, activity). The activity's `local_timestamp` carries the
 * wearer's UTC offset, which FIT has no other place for.
 *
 * A workout without laps gets one lap spanning the session (FIT activity files must hold at
 * least one), marked with lap trigger `sessionEnd` so the decoder can drop it again.
 *
 * @example
 *   const bytes = encodeWorkoutFit(workout);
 *   await writeFile('run.fit', bytes);
 */
export function encodeWorkoutFit(workout: Workout): Uint8Array {
  const start = isoToFitSeconds(workout.startTime);
  const end = isoToFitSeconds(workout.endTime);
  const elapsed = workoutElapsedSeconds(workout);
  const timer = workout.movingTime?.value ?? elapsed;
  const { sport, subSport } = fitSportOf(workout.sport);
  const encoder = new Encoder();
  // Typed per message so the SDK's field names are checked at compile time.
  const write = <T extends Mesg>(mesg: Encodable<T>): void => {
    encoder.writeMesg(mesg);
  };

  write<FileIdMesg>({
    mesgNum: MESG.FILE_ID,
    type: 'activity',
    manufacturer: 'development',
    product: 0,
    timeCreated: start,
  });
  write<EventMesg>({
    mesgNum: MESG.EVENT,
    timestamp: start,
    event: 'timer',
    eventType: 'start',
    eventGroup: 0,
  });

  // Readers such as Strava take distance from the records when present; keep it cumulative.
  let travelled = 0;
  let previous: { lat: number; lon: number } | undefined;
  for (const point of workout.track ?? []) {
    travelled += previous === undefined ? 0 : haversineMetres(previous, point);
    previous = point;
    write<RecordMesg>({
      mesgNum: MESG.RECORD,
      timestamp: isoToFitSeconds(point.time),
      positionLat: degreesToSemicircles(point.lat),
      positionLong: degreesToSemicircles(point.lon),
      distance: travelled,
      ...altitudeField(point.altitudeM),
      ...(point.heartRateBpm === undefined ? {} : { heartRate: point.heartRateBpm }),
    });
  }

  write<EventMesg>({
    mesgNum: MESG.EVENT,
    timestamp: end,
    event: 'timer',
    eventType: 'stopAll',
    eventGroup: 0,
  });

  const laps: readonly Lap[] =
    workout.laps.length > 0
      ? workout.laps
      : [
          {
            startTime: workout.startTime,
            endTime: workout.endTime,
            ...(workout.distance === undefined ? {} : { distance: workout.distance }),
            ...(workout.energy === undefined ? {} : { energy: workout.energy }),
            ...(workout.heartRate === undefined ? {} : { averageHeartRate: workout.heartRate.average }),
          },
        ];
  const lapTrigger = workout.laps.length > 0 ? 'manual' : 'sessionEnd';
  laps.forEach((lap, index) => {
    const lapElapsed = workoutElapsedSeconds(lap);
    write<LapMesg>({
      mesgNum: MESG.LAP,
      messageIndex: index,
      timestamp: isoToFitSeconds(lap.endTime),
      startTime: isoToFitSeconds(lap.startTime),
      event: 'lap',
      eventType: 'stop',
      lapTrigger,
      sport,
      subSport,
      totalElapsedTime: lapElapsed,
      totalTimerTime: lapElapsed,
      ...(lap.distance === undefined ? {} : { totalDistance: lap.distance.value }),
      ...(lap.energy === undefined ? {} : { totalCalories: Math.round(lap.energy.value) }),
      ...(lap.averageHeartRate === undefined ? {} : { avgHeartRate: Math.round(lap.averageHeartRate.value) }),
    });
  });

  const firstPoint = workout.track?.[0];
  write<SessionMesg>({
    mesgNum: MESG.SESSION,
    messageIndex: 0,
    timestamp: end,
    startTime: start,
    event: 'session',
    eventType: 'stop',
    sport,
    subSport,
    totalElapsedTime: elapsed,
    totalTimerTime: timer,
    firstLapIndex: 0,
    numLaps: laps.length,
    ...(firstPoint === undefined
      ? {}
      : {
          startPositionLat: degreesToSemicircles(firstPoint.lat),
          startPositionLong: degreesToSemicircles(firstPoint.lon),
        }),
    ...(workout.distance === undefined ? {} : { totalDistance: workout.distance.value }),
    ...(workout.energy === undefined ? {} : { totalCalories: Math.round(workout.energy.value) }),
    ...(workout.heartRate === undefined
      ? {}
      : {
          avgHeartRate: Math.round(workout.heartRate.average.value),
          maxHeartRate: Math.round(workout.heartRate.maximum.value),
        }),
  });

  write<ActivityMesg>({
    mesgNum: MESG.ACTIVITY,
    timestamp: end,
    totalTimerTime: timer,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    localTimestamp: end + workout.utcOffsetMinutes * 60,
  });

  return encoder.close();
}

function altitudeField(altitudeM: number | undefined): { altitude?: number } {
  if (altitudeM === undefined || altitudeM < MIN_ALTITUDE_M || altitudeM > MAX_ALTITUDE_M) return {};
  return { altitude: altitudeM };
}
