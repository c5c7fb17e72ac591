import { SyncWellError } from '@syncwell/core';
import type { TrackPoint, Workout } from '@syncwell/core';
import {
  SYNCWELL_EXTENSION_ELEMENT as SW_ELEMENT,
  SYNCWELL_EXTENSION_NS,
  SYNCWELL_EXTENSION_PREFIX as SW,
  XmlWriter,
  writeXmlInstant,
  writeXmlNumber,
} from '../tcx/xml/index.js';
import { GPX_11_NS, TRACKPOINT_EXTENSION_V1_NS } from './gpx-namespaces.js';
import { gpxTypeOf } from './gpx-sport-table.js';
import { decodeWorkoutGpx } from './workout-gpx-decoder.js';
import { diffWorkouts, type FormatResolution } from '../workout-diff.js';
import { encodedWorkout, type EncodedWorkout } from '../workout-file.js';

/**
 * Encodes a canonical workout as GPX 1.1: one track, a segment per track segment, a point per track point
 * with elevation, UTC time and heart rate in Garmin's TrackPointExtension v1, the sport in
 * `trk/type` (GPX has no sport standard), the name in `trk/name`. The UTC offset and the
 * workout's start and end (which may lie outside the track) go into a SyncWell extension.
 * Laps, legs, distance, energy, moving time and the heart-rate summary have no place in GPX:
 * `changes` lists them (and any other difference), found by reading the file back.
 *
 * Throws `SW_ITEM_UNSUPPORTED_TYPE` for a workout without a GPS track: GPX would be empty.
 *
 * @example
 *   const { data: xml, changes } = encodeWorkoutGpx(ride);
 */
export function encodeWorkoutGpx(workout: Workout): EncodedWorkout<string> {
  const data = writeWorkoutGpx(workout);
  return encodedWorkout(data, () =>
    diffWorkouts(workout, [decodeWorkoutGpx(data, workout.provenance).workout], GPX_RESOLUTION),
  );
}

/** GPX text holds every number and instant (to the millisecond) exactly. */
export const GPX_RESOLUTION: FormatResolution = {
  timeMs: 0,
  seconds: 0,
  metres: 0,
  kcal: 0,
  bpm: 0,
  degrees: 0,
  altitudeM: 0,
};

function writeWorkoutGpx(workout: Workout): string {
  const track = workout.track ?? [];
  if (track.length === 0) {
    throw new SyncWellError('SW_ITEM_UNSUPPORTED_TYPE', 'GPX needs a GPS track; this workout has none', {
      reason: 'no track',
    });
  }
  const xml = new XmlWriter().start('gpx', [
    ['version', '1.1'],
    ['creator', 'SyncWell'],
    ['xmlns', GPX_11_NS],
    ['xmlns:gpxtpx', TRACKPOINT_EXTENSION_V1_NS],
    [`xmlns:${SW}`, SYNCWELL_EXTENSION_NS],
  ]);
  // Strava and Garmin put the activity start here; readers use it as the activity date.
  xml.start('metadata').leaf('time', writeXmlInstant(workout.startTime)).end();
  // trk children in schema order: name, ..., type, extensions, trkseg.
  xml.start('trk');
  if (workout.name !== undefined) xml.leaf('name', workout.name);
  xml.leaf('type', gpxTypeOf(workout.sport));
  xml.start('extensions').start(`${SW}:${SW_ELEMENT}`);
  xml.leaf(`${SW}:UtcOffsetMinutes`, String(workout.utcOffsetMinutes));
  xml.leaf(`${SW}:StartTime`, writeXmlInstant(workout.startTime));
  xml.leaf(`${SW}:EndTime`, writeXmlInstant(workout.endTime));
  xml.end().end();
  xml.start('trkseg');
  for (const point of track) {
    if (point.newSegment === true && point !== track[0]) xml.end().start('trkseg');
    writePoint(xml, point);
  }
  return xml.end().end().end().toString();
}

function writePoint(xml: XmlWriter, point: TrackPoint): void {
  xml.start('trkpt', [
    ['lat', writeXmlNumber(point.lat)],
    ['lon', writeXmlNumber(point.lon)],
  ]);
  if (point.altitudeM !== undefined) xml.leaf('ele', writeXmlNumber(point.altitudeM));
  xml.leaf('time', writeXmlInstant(point.time));
  if (point.heartRateBpm !== undefined) {
    xml.start('extensions').start('gpxtpx:TrackPointExtension');
    xml.leaf('gpxtpx:hr', String(point.heartRateBpm));
    xml.end().end();
  }
  xml.end();
}
