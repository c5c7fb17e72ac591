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
import type { Lap, TrackPoint, Workout, WorkoutLeg } from '@syncwell/core';
import { legIndexAt, workoutElapsedSeconds } from '@syncwell/core';
import { diffWorkouts, type FormatResolution } from '../workout-diff.js';
import { encodedWorkout, type EncodedWorkout } from '../workout-file.js';
import { FIT_MAX, clampTo } from './fit-limits.js';
import { MESG } from './fit-mesg-num.js';
import { fitSportOf, type FitSport } from './fit-sport-table.js';
import { degreesToSemicircles, haversineMetres, isoToFitSeconds } from './fit-units.js';
import { decodeWorkoutFit } from './workout-fit-decoder.js';

// FIT `altitude` is uint16 with scale 5 / offset 500; values outside this range cannot be stored.
const MIN_ALTITUDE_M = -500;
const MAX_ALTITUDE_M = 12_000;

/** What FIT stores: whole seconds, centimetres, whole kcal and bpm, semicircles, 0.2 m altitude. */
export const FIT_RESOLUTION: FormatResolution = {
  timeMs: 1000,
  seconds: 0.001,
  metres: 0.01,
  kcal: 1,
  bpm: 1,
  degrees: 180 / 2 ** 31,
  altitudeM: 0.2,
};

const TRANSITION: FitSport = { sport: 'transition', subSport: 'generic' };

/**
 * Encodes a canonical workout as a FIT activity file and reports every way the file differs from
 * the workout (`changes`, found by reading the file back: empty when the round trip is exact).
 *
 * The file holds file_id, timer events (a stop/start pair at each track segment break), one record
 * per track point, laps, one session per leg (one for a workout without legs; a multisport
 * workout's transitions are sessions of sport `transition`), and the activity with
 * `num_sessions` and, in `local_timestamp`, the wearer's UTC offset (FIT has no other place).
 * A leg without laps gets one lap spanning it (every session needs one), with trigger
 * `sessionEnd` so the decoder drops it again. Values beyond a field's range are clamped (the SDK
 * would wrap them) and reported.
 *
 * @example
 *   const { data, changes } = encodeWorkoutFit(workout);
 *   await writeFile('run.fit', data);
 */
export function encodeWorkoutFit(workout: Workout): EncodedWorkout<Uint8Array> {
  const data = writeWorkoutFit(workout);
  return encodedWorkout(data, () =>
    diffWorkouts(workout, [decodeWorkoutFit(data, workout.provenance).workout], FIT_RESOLUTION),
  );
}

function writeWorkoutFit(workout: Workout): Uint8Array {
  const start = isoToFitSeconds(workout.startTime);
  const end = isoToFitSeconds(workout.endTime);
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
  writeRecords(workout.track ?? [], write);
  write<EventMesg>({
    mesgNum: MESG.EVENT,
    timestamp: end,
    event: 'timer',
    eventType: 'stopAll',
    eventGroup: 0,
  });

  const legs = legsOf(workout);
  const lapsByLeg = lapsPerLeg(workout.laps, legs);
  let lapIndex = 0;
  const firstLaps = lapsByLeg.map(({ laps, trigger }, i) => {
    const leg = legs[i];
    const first = lapIndex;
    for (const lap of laps) {
      if (leg !== undefined) write<LapMesg>(lapMesg(lap, lapIndex, trigger, sportOf(leg)));
      lapIndex += 1;
    }
    return first;
  });
  legs.forEach((leg, i) => {
    write<SessionMesg>({
      ...sessionMesg(leg, i),
      firstLapIndex: firstLaps[i] ?? 0,
      numLaps: lapsByLeg[i]?.laps.length ?? 0,
      ...startPosition(workout.track ?? [], leg),
    });
  });

  const timer = workout.movingTime?.value ?? legs.reduce((sum, leg) => sum + timerOf(leg), 0);
  write<ActivityMesg>({
    mesgNum: MESG.ACTIVITY,
    timestamp: end,
    totalTimerTime: clampTo(FIT_MAX.seconds, timer),
    numSessions: legs.length,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    localTimestamp: end + workout.utcOffsetMinutes * 60,
  });
  return encoder.close();
}

/** The workout's legs, or the whole workout as its one leg. */
function legsOf(workout: Workout): WorkoutLeg[] {
  if (workout.legs !== undefined) return workout.legs;
  const { sport, startTime, endTime, movingTime, distance, energy, heartRate } = workout;
  return [
    {
      kind: 'sport',
      sport,
      startTime,
      endTime,
      ...(movingTime === undefined ? {} : { movingTime }),
      ...(distance === undefined ? {} : { distance }),
      ...(energy === undefined ? {} : { energy }),
      ...(heartRate === undefined ? {} : { heartRate }),
    },
  ];
}

/** Each leg's laps (by start, as `legIndexAt` places them), or one lap spanning a lap-less leg. */
function lapsPerLeg(
  laps: readonly Lap[],
  legs: readonly WorkoutLeg[],
): { laps: Lap[]; trigger: 'manual' | 'sessionEnd' }[] {
  const grouped: Lap[][] = legs.map(() => []);
  for (const lap of laps) grouped[legIndexAt(legs, Date.parse(lap.startTime))]?.push(lap);
  return grouped.map((own, i) => {
    const leg = legs[i];
    if (own.length > 0 || leg === undefined) return { laps: own, trigger: 'manual' };
    const spanning: Lap = {
      startTime: leg.startTime,
      endTime: leg.endTime,
      ...(leg.distance === undefined ? {} : { distance: leg.distance }),
      ...(leg.energy === undefined ? {} : { energy: leg.energy }),
      ...(leg.heartRate === undefined ? {} : { averageHeartRate: leg.heartRate.average }),
    };
    return { laps: [spanning], trigger: 'sessionEnd' };
  });
}

function sportOf(leg: WorkoutLeg): FitSport {
  return leg.kind === 'transition' ? TRANSITION : fitSportOf(leg.sport);
}

function timerOf(leg: WorkoutLeg): number {
  return leg.movingTime?.value ?? workoutElapsedSeconds(leg);
}

function lapMesg(
  lap: Lap,
  index: number,
  lapTrigger: 'manual' | 'sessionEnd',
  { sport, subSport }: FitSport,
): Encodable<LapMesg> {
  const elapsed = clampTo(FIT_MAX.seconds, workoutElapsedSeconds(lap));
  return {
    mesgNum: MESG.LAP,
    messageIndex: index,
    timestamp: isoToFitSeconds(lap.endTime),
    startTime: isoToFitSeconds(lap.startTime),
    event: 'lap',
    eventType: 'stop',
    lapTrigger,
    sport,
    subSport,
    totalElapsedTime: elapsed,
    totalTimerTime: elapsed,
    ...(lap.distance === undefined ? {} : { totalDistance: clampTo(FIT_MAX.distance, lap.distance.value) }),
    ...(lap.energy === undefined
      ? {}
      : { totalCalories: clampTo(FIT_MAX.calories, Math.round(lap.energy.value)) }),
    ...(lap.averageHeartRate === undefined ? {} : { avgHeartRate: bpm(lap.averageHeartRate.value) }),
  };
}

function sessionMesg(leg: WorkoutLeg, index: number): Encodable<SessionMesg> {
  const { sport, subSport } = sportOf(leg);
  return {
    mesgNum: MESG.SESSION,
    messageIndex: index,
    timestamp: isoToFitSeconds(leg.endTime),
    startTime: isoToFitSeconds(leg.startTime),
    event: 'session',
    eventType: 'stop',
    sport,
    subSport,
    totalElapsedTime: clampTo(FIT_MAX.seconds, workoutElapsedSeconds(leg)),
    totalTimerTime: clampTo(FIT_MAX.seconds, timerOf(leg)),
    ...(leg.distance === undefined ? {} : { totalDistance: clampTo(FIT_MAX.distance, leg.distance.value) }),
    ...(leg.energy === undefined
      ? {}
      : { totalCalories: clampTo(FIT_MAX.calories, Math.round(leg.energy.value)) }),
    ...(leg.heartRate === undefined
      ? {}
      : { avgHeartRate: bpm(leg.heartRate.average.value), maxHeartRate: bpm(leg.heartRate.maximum.value) }),
  };
}

function startPosition(track: readonly TrackPoint[], leg: WorkoutLeg): Partial<SessionMesg> {
  const from = Date.parse(leg.startTime);
  const first = track.find((p) => Date.parse(p.time) >= from);
  if (first === undefined || Date.parse(first.time) > Date.parse(leg.endTime)) return {};
  return {
    startPositionLat: degreesToSemicircles(first.lat),
    startPositionLong: degreesToSemicircles(first.lon),
  };
}

/**
 * One record per point, with the cumulative distance readers such as Strava take when present;
 * a segment break is a timer stop at the last point and a start at the next, and adds no distance.
 */
function writeRecords(
  track: readonly TrackPoint[],
  write: <T extends Mesg>(mesg: Encodable<T>) => void,
): void {
  let travelled = 0;
  let previous: TrackPoint | undefined;
  for (const point of track) {
    const timestamp = isoToFitSeconds(point.time);
    if (previous !== undefined && point.newSegment === true) {
      const paused = isoToFitSeconds(previous.time);
      write<EventMesg>({
        mesgNum: MESG.EVENT,
        timestamp: paused,
        event: 'timer',
        eventType: 'stop',
        eventGroup: 0,
      });
      write<EventMesg>({ mesgNum: MESG.EVENT, timestamp, event: 'timer', eventType: 'start', eventGroup: 0 });
    } else if (previous !== undefined) {
      travelled += haversineMetres(previous, point);
    }
    previous = point;
    write<RecordMesg>({
      mesgNum: MESG.RECORD,
      timestamp,
      positionLat: degreesToSemicircles(point.lat),
      positionLong: degreesToSemicircles(point.lon),
      distance: clampTo(FIT_MAX.distance, travelled),
      ...altitudeField(point.altitudeM),
      ...(point.heartRateBpm === undefined ? {} : { heartRate: bpm(point.heartRateBpm) }),
    });
  }
}

function bpm(value: number): number {
  return clampTo(FIT_MAX.heartRate, Math.round(value));
}

function altitudeField(altitudeM: number | undefined): { altitude?: number } {
  if (altitudeM === undefined || altitudeM < MIN_ALTITUDE_M || altitudeM > MAX_ALTITUDE_M) return {};
  return { altitude: altitudeM };
}
