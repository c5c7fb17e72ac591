import { legIndexAt } from '@syncwell/core';
import type { TrackPoint, Workout, WorkoutLeg } from '@syncwell/core';
import { diffWorkouts, type FormatResolution } from '../workout-diff.js';
import { encodedWorkout, type EncodedWorkout } from '../workout-file.js';
import { cumulativeMetres } from './track-distance.js';
import { ACTIVITY_EXTENSION_NS, TCX_NS } from './tcx-namespaces.js';
import { planTcxLaps } from './tcx-lap-plan.js';
import type { TcxLapPlan } from './tcx-lap-plan.js';
import { tcxSportOf } from './tcx-sport-table.js';
import { decodeWorkoutTcx } from './workout-tcx-decoder.js';
import {
  SYNCWELL_EXTENSION_ELEMENT as SW_ELEMENT,
  SYNCWELL_EXTENSION_NS,
  SYNCWELL_EXTENSION_PREFIX as SW,
  XmlWriter,
  writeXmlInstant,
  writeXmlNumber,
} from './xml/index.js';

/** TCX text keeps milliseconds and every decimal; calories and heart rates are whole numbers. */
export const TCX_RESOLUTION: FormatResolution = {
  timeMs: 0,
  seconds: 0,
  metres: 0,
  kcal: 1,
  bpm: 1,
  degrees: 0,
  altitudeM: 0,
};

/** TCX heart rates are unsignedByte. */
const MAX_TCX_BPM = 255;

/**
 * Encodes a canonical workout as TCX v2 and reports every way the file differs from it
 * (`changes`, found by reading the file back: empty when the round trip is exact).
 *
 * A workout is one `<Activity>`: laps, trackpoints with position, altitude, cumulative distance
 * and heart rate, a new `<Track>` at each segment break, lap average speed in Garmin's
 * ActivityExtension v2. A multisport workout is a `<MultiSportSession>`: each sport leg an
 * Activity, each transition the `<Transition>` lap before the next one. Times are UTC; the
 * wearer's offset and the canonical sport (TCX names only three) go into a SyncWell extension.
 * When the track ends before a lap-less activity does, a time-only trackpoint marks the end, as
 * Garmin devices do, so readers see the true elapsed time.
 *
 * @example
 *   const { data: xml, changes } = encodeWorkoutTcx(workout);
 */
export function encodeWorkoutTcx(workout: Workout): EncodedWorkout<string> {
  const data = writeWorkoutTcx(workout);
  return encodedWorkout(data, () =>
    diffWorkouts(workout, decodeWorkoutTcx(data, workout.provenance).workouts, TCX_RESOLUTION),
  );
}

function writeWorkoutTcx(workout: Workout): string {
  const xml = new XmlWriter().start('TrainingCenterDatabase', [
    ['xmlns', TCX_NS],
    ['xmlns:ns3', ACTIVITY_EXTENSION_NS],
    [`xmlns:${SW}`, SYNCWELL_EXTENSION_NS],
  ]);
  xml.start('Activities');
  if (workout.legs === undefined) writeActivity(xml, workout, workout.utcOffsetMinutes);
  else writeMultisport(xml, workout, workout.legs);
  return xml.end().end().toString();
}

/**
 * FirstSport is a sport leg; each NextSport holds at most one transition before its sport leg.
 * Legs outside that pattern (a leading, trailing or second transition in a row) have no place
 * in TCX and are left out; the read-back report names them.
 */
function writeMultisport(xml: XmlWriter, workout: Workout, legs: readonly WorkoutLeg[]): void {
  const parts = legs.map((leg, i) => legWorkout(workout, legs, i));
  xml.start('MultiSportSession').leaf('Id', writeXmlInstant(workout.startTime));
  let started = false;
  let transition: Workout | undefined;
  legs.forEach((leg, i) => {
    const part = parts[i];
    if (part === undefined) return;
    if (leg.kind === 'transition') {
      if (started && transition === undefined) transition = part;
      return;
    }
    xml.start(started ? 'NextSport' : 'FirstSport');
    if (transition !== undefined) writeTransition(xml, transition);
    writeActivity(xml, part, workout.utcOffsetMinutes);
    xml.end();
    started = true;
    transition = undefined;
  });
  xml.end();
}

/** One leg as a workout of its own: its sport, span and totals, and the laps and points in it. */
function legWorkout(workout: Workout, legs: readonly WorkoutLeg[], index: number): Workout | undefined {
  const leg = legs[index];
  if (leg === undefined) return undefined;
  const inLeg = (iso: string): boolean => legIndexAt(legs, Date.parse(iso)) === index;
  const track = (workout.track ?? []).filter((p) => inLeg(p.time));
  const { kind: _kind, ...totals } = leg;
  const {
    legs: _legs,
    movingTime: _m,
    distance: _d,
    energy: _e,
    heartRate: _h,
    track: _t,
    ...shared
  } = workout;
  return {
    ...shared,
    ...totals,
    sport: leg.kind === 'sport' ? leg.sport : 'other',
    laps: workout.laps.filter((lap) => inLeg(lap.startTime)),
    ...(track.length > 0 ? { track } : {}),
  };
}

function writeActivity(xml: XmlWriter, workout: Workout, utcOffsetMinutes: number): void {
  const laps = planTcxLaps(workout);
  const distances = distancesOf(workout.track ?? []);
  xml.start('Activity', [['Sport', tcxSportOf(workout.sport)]]);
  xml.leaf('Id', writeXmlInstant(workout.startTime));
  const endMarker = needsEndMarker(workout, laps) ? workout.endTime : undefined;
  laps.forEach((lap, i) => {
    writeLap(xml, 'Lap', lap, distances, i === laps.length - 1 ? endMarker : undefined);
  });
  xml.start('Extensions').start(`${SW}:${SW_ELEMENT}`);
  xml.leaf(`${SW}:UtcOffsetMinutes`, String(utcOffsetMinutes));
  xml.leaf(`${SW}:Sport`, workout.sport);
  xml.end().end();
  xml.end();
}

/** A transition is a lap (`ActivityLap_t`) of its own, with the transition's totals. */
function writeTransition(xml: XmlWriter, transition: Workout): void {
  const [lap] = planTcxLaps({ ...transition, laps: [] });
  if (lap === undefined) return;
  const endMarker = needsEndMarker(transition, [lap]) ? transition.endTime : undefined;
  writeLap(xml, 'Transition', lap, distancesOf(transition.track ?? []), endMarker);
}

function distancesOf(track: readonly TrackPoint[]): Map<TrackPoint, number> {
  const distances = new Map<TrackPoint, number>();
  cumulativeMetres(track).forEach((d, i) => {
    const point = track[i];
    if (point !== undefined) distances.set(point, d);
  });
  return distances;
}

function writeLap(
  xml: XmlWriter,
  element: 'Lap' | 'Transition',
  lap: TcxLapPlan,
  distances: ReadonlyMap<TrackPoint, number>,
  endMarker: string | undefined,
): void {
  // Element order is the schema's xsd:sequence; Garmin Connect rejects any other.
  xml.start(element, [['StartTime', writeXmlInstant(lap.startTime)]]);
  xml.leaf('TotalTimeSeconds', writeXmlNumber(lap.totalTimeSeconds));
  xml.leaf('DistanceMeters', writeXmlNumber(lap.distanceMetres));
  xml.leaf('Calories', String(lap.calories));
  if (lap.averageHeartRate !== undefined) {
    xml.start('AverageHeartRateBpm').leaf('Value', String(lap.averageHeartRate)).end();
  }
  if (lap.maximumHeartRate !== undefined) {
    xml.start('MaximumHeartRateBpm').leaf('Value', String(lap.maximumHeartRate)).end();
  }
  xml.leaf('Intensity', 'Active').leaf('TriggerMethod', 'Manual');
  if (lap.points.length > 0 || endMarker !== undefined) {
    xml.start('Track');
    lap.points.forEach((point, i) => {
      // A segment break inside the lap starts a new Track; at the lap's first point TCX has none.
      if (i > 0 && point.newSegment === true) xml.end().start('Track');
      writeTrackpoint(xml, point, distances.get(point));
    });
    if (endMarker !== undefined) xml.start('Trackpoint').leaf('Time', writeXmlInstant(endMarker)).end();
    xml.end();
  }
  if (lap.distanceMetres > 0 && lap.totalTimeSeconds > 0) {
    xml.start('Extensions').start('ns3:LX');
    xml.leaf('ns3:AvgSpeed', writeXmlNumber(lap.distanceMetres / lap.totalTimeSeconds));
    xml.end().end();
  }
  xml.end();
}

function writeTrackpoint(xml: XmlWriter, point: TrackPoint, distance: number | undefined): void {
  xml.start('Trackpoint').leaf('Time', writeXmlInstant(point.time));
  xml.start('Position');
  xml.leaf('LatitudeDegrees', writeXmlNumber(point.lat)).leaf('LongitudeDegrees', writeXmlNumber(point.lon));
  xml.end();
  if (point.altitudeM !== undefined) xml.leaf('AltitudeMeters', writeXmlNumber(point.altitudeM));
  if (distance !== undefined) xml.leaf('DistanceMeters', writeXmlNumber(distance));
  if (point.heartRateBpm !== undefined) {
    // unsignedByte: a higher reading is written at the limit (and reported by the read-back).
    xml
      .start('HeartRateBpm')
      .leaf('Value', String(Math.min(MAX_TCX_BPM, point.heartRateBpm)))
      .end();
  }
  xml.end();
}

/** True when neither the laps nor the track reach the workout's end time. */
function needsEndMarker(workout: Workout, laps: readonly TcxLapPlan[]): boolean {
  const end = Date.parse(workout.endTime);
  const lapEnds = laps.map((lap) => Date.parse(lap.startTime) + Math.round(lap.totalTimeSeconds * 1000));
  const lastPoint = workout.track?.at(-1);
  const reached = Math.max(...lapEnds, lastPoint === undefined ? -Infinity : Date.parse(lastPoint.time));
  return reached < end;
}
