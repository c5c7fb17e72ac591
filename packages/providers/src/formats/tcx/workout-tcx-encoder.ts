import type { TrackPoint, Workout } from '@syncwell/core';
import { cumulativeMetres } from './track-distance.js';
import { ACTIVITY_EXTENSION_NS, TCX_NS } from './tcx-namespaces.js';
import { planTcxLaps } from './tcx-lap-plan.js';
import type { TcxLapPlan } from './tcx-lap-plan.js';
import { tcxSportOf } from './tcx-sport-table.js';
import {
  SYNCWELL_EXTENSION_ELEMENT as SW_ELEMENT,
  SYNCWELL_EXTENSION_NS,
  SYNCWELL_EXTENSION_PREFIX as SW,
  XmlWriter,
  writeXmlInstant,
  writeXmlNumber,
} from './xml/index.js';

/**
 * Encodes a canonical workout as a TCX v2 activity (one Activity, laps, trackpoints with
 * position, altitude, cumulative distance and heart rate; lap average speed in Garmin's
 * ActivityExtension v2). Times are written in UTC; the wearer's offset goes into a SyncWell
 * extension element, the only place TCX has for it.
 *
 * When the track ends before the workout does (or there is no track), a time-only trackpoint
 * at the end time is added, as Garmin devices do, so readers see the true elapsed time.
 *
 * @example
 *   const xml = encodeWorkoutTcx(workout);
 *   await writeFile('run.tcx', xml);
 */
export function encodeWorkoutTcx(workout: Workout): string {
  const laps = planTcxLaps(workout);
  const track = workout.track ?? [];
  const distances = new Map<TrackPoint, number>();
  cumulativeMetres(track).forEach((d, i) => {
    const point = track[i];
    if (point !== undefined) distances.set(point, d);
  });

  const xml = new XmlWriter().start('TrainingCenterDatabase', [
    ['xmlns', TCX_NS],
    ['xmlns:ns3', ACTIVITY_EXTENSION_NS],
    [`xmlns:${SW}`, SYNCWELL_EXTENSION_NS],
  ]);
  xml.start('Activities').start('Activity', [['Sport', tcxSportOf(workout.sport)]]);
  xml.leaf('Id', writeXmlInstant(workout.startTime));
  const endMarker = needsEndMarker(workout, laps) ? workout.endTime : undefined;
  laps.forEach((lap, i) => {
    writeLap(xml, lap, distances, i === laps.length - 1 ? endMarker : undefined);
  });
  xml.start('Extensions').start(`${SW}:${SW_ELEMENT}`);
  xml.leaf(`${SW}:UtcOffsetMinutes`, String(workout.utcOffsetMinutes));
  xml.end().end();
  return xml.end().end().end().toString();
}

function writeLap(
  xml: XmlWriter,
  lap: TcxLapPlan,
  distances: ReadonlyMap<TrackPoint, number>,
  endMarker: string | undefined,
): void {
  // Element order is the schema's xsd:sequence; Garmin Connect rejects any other.
  xml.start('Lap', [['StartTime', writeXmlInstant(lap.startTime)]]);
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
    for (const point of lap.points) writeTrackpoint(xml, point, distances.get(point));
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
  if (point.heartRateBpm !== undefined)
    xml.start('HeartRateBpm').leaf('Value', String(point.heartRateBpm)).end();
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
