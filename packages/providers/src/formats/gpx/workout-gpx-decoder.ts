import { workout } from '@syncwell/core';
import type { TrackPoint, Workout } from '@syncwell/core';
import { counted, type DecodedWorkout, type WorkoutFileSource } from '../workout-file.js';
import {
  SYNCWELL_EXTENSION_ELEMENT,
  SYNCWELL_EXTENSION_NS as SW_NS,
  attributeOf,
  childOf,
  childrenOf,
  offsetFromExtension,
  parseXml,
  readXmlDateTime,
  readXmlNumber,
  textOf,
  xmlTextOf,
} from '../tcx/xml/index.js';
import type { XmlElement } from '../tcx/xml/index.js';
import { haversineMetres } from '../tcx/track-distance.js';
import { GpxDecodeError } from './gpx-decode-error.js';
import {
  GPX_10_NS,
  GPX_11_NS,
  TRACKPOINT_EXTENSION_V1_NS,
  TRACKPOINT_EXTENSION_V2_NS,
} from './gpx-namespaces.js';
import { sportTypeOfGpx } from './gpx-sport-table.js';

/** Where the decoded workout came from; becomes its provenance. */
export type GpxSource = WorkoutFileSource;

/** A point read, or why it is left out of an otherwise good track. */
type ReadPoint =
  | { readonly point: TrackPoint; readonly offsetMinutes: number | undefined }
  | { readonly skipped: 'time' | 'position' };

/**
 * Decodes the tracks of a GPX file into one canonical workout, validated with the core schema.
 * Every `trkseg` (and every further `trk`) is a segment: its first point carries `newSegment`,
 * and distance, the great-circle length of the segments, never spans the gap between two.
 * Start and end are the first and last point times (widened by a SyncWell extension if
 * present); heart rate comes from the points' TrackPointExtension `hr`. GPX has no laps, so
 * `laps` is empty. The sport is read from `trk/type`, a convention rather than a standard (see
 * gpx-sport-table.ts). A point without a time or a position inside an otherwise good track is
 * left out and counted in `warnings`.
 * Throws `GpxDecodeError` (`SW_ITEM_CORRUPT_FILE`) for malformed or truncated XML, another root
 * element, no track, no point with a time and a position (a drawn route), or a malformed value.
 *
 * @example
 *   const { workout } = decodeWorkoutGpx(bytes, { provider: 'strava', externalId: String(activity.id) });
 */
export function decodeWorkoutGpx(xml: string | Uint8Array, source: GpxSource): DecodedWorkout {
  const root = readRoot(xml);
  const ns = root.ns;
  const tracks = childrenOf(root, ns, 'trk');
  if (tracks.length === 0) throw new GpxDecodeError('no track (route or waypoint file?)');
  const first = tracks[0];

  const points: TrackPoint[] = [];
  const skipped = { time: 0, position: 0 };
  let distance = 0;
  let firstOffset: number | undefined;
  for (const segment of tracks.flatMap((t) => childrenOf(t, ns, 'trkseg'))) {
    let previous: TrackPoint | undefined;
    for (const el of childrenOf(segment, ns, 'trkpt')) {
      const read = readPoint(el, ns);
      if ('skipped' in read) {
        skipped[read.skipped] += 1;
        continue;
      }
      firstOffset ??= read.offsetMinutes;
      // Segments are separate recordings (pauses, signal loss): no distance across the gap.
      const point =
        previous === undefined && points.length > 0
          ? { ...read.point, newSegment: true as const }
          : read.point;
      if (previous !== undefined) distance += haversineMetres(previous, point);
      previous = point;
      points.push(point);
    }
  }
  if (points.length === 0) {
    if (skipped.time > 0)
      throw new GpxDecodeError('track point without time: a drawn route, not a recording');
    if (skipped.position > 0) throw new GpxDecodeError('track point without lat and lon');
    throw new GpxDecodeError('track has no points');
  }

  const times = points.map((p) => Date.parse(p.time));
  const extension = childOf(childOf(first, ns, 'extensions'), SW_NS, SYNCWELL_EXTENSION_ELEMENT);
  const startMs = Math.min(
    times.reduce((a, b) => Math.min(a, b)),
    extensionTime(extension, 'StartTime') ?? Infinity,
  );
  const endMs = Math.max(
    times.reduce((a, b) => Math.max(a, b)),
    extensionTime(extension, 'EndTime') ?? -Infinity,
  );
  const name = textOf(childOf(first, ns, 'name'));

  const candidate = {
    type: 'workout',
    provenance: { provider: source.provider, externalId: source.externalId },
    sport: sportTypeOfGpx(textOf(childOf(first, ns, 'type'))),
    ...(name === undefined || name === '' ? {} : { name: name.slice(0, 255) }),
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(endMs).toISOString(),
    utcOffsetMinutes:
      offsetFromExtension(textOf(childOf(extension, SW_NS, 'UtcOffsetMinutes'))) ?? firstOffset ?? 0,
    distance: { value: distance, unit: 'm' },
    ...heartRateOf(points),
    laps: [],
    track: points,
  };
  const parsed = workout.safeParse(candidate);
  if (!parsed.success)
    throw new GpxDecodeError('track does not form a valid workout', { cause: parsed.error });
  const warnings = [
    ...(skipped.time > 0 ? [`${counted(skipped.time, 'track point')} without a time skipped`] : []),
    ...(skipped.position > 0 ? [`${counted(skipped.position, 'track point')} without lat/lon skipped`] : []),
  ];
  return { workout: parsed.data, warnings };
}

function readRoot(xml: string | Uint8Array): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xmlTextOf(xml));
  } catch (error) {
    throw new GpxDecodeError('not well-formed XML', { cause: error });
  }
  if (root.local !== 'gpx' || (root.ns !== GPX_11_NS && root.ns !== GPX_10_NS)) {
    throw new GpxDecodeError('root is not a GPX 1.1 or 1.0 gpx element');
  }
  return root;
}

/** A point, or the reason it is skipped: absent lat/lon or time. Present but malformed is corruption. */
function readPoint(el: XmlElement, ns: string | undefined): ReadPoint {
  const latText = attributeOf(el, 'lat');
  const lonText = attributeOf(el, 'lon');
  if (latText === undefined || lonText === undefined) return { skipped: 'position' };
  const lat = readXmlNumber(latText);
  const lon = readXmlNumber(lonText);
  if (lat === undefined || lon === undefined) throw new GpxDecodeError('lat or lon is not a number');
  const timeText = textOf(childOf(el, ns, 'time'));
  if (timeText === undefined || timeText === '') return { skipped: 'time' };
  const time = readXmlDateTime(timeText);
  if (time === undefined) throw new GpxDecodeError('track point time is not a dateTime');
  const eleText = textOf(childOf(el, ns, 'ele'));
  const ele = readXmlNumber(eleText);
  if (eleText !== undefined && ele === undefined) throw new GpxDecodeError('ele is not a number');
  const heartRate = heartRateOfPoint(el, ns);
  return {
    point: {
      time: time.iso,
      lat,
      lon,
      ...(ele === undefined ? {} : { altitudeM: ele }),
      ...(heartRate === undefined ? {} : { heartRateBpm: heartRate }),
    },
    offsetMinutes: time.offsetMinutes,
  };
}

/** `extensions/gpxtpx:TrackPointExtension/gpxtpx:hr`, v1 or v2; implausible values dropped. */
function heartRateOfPoint(el: XmlElement, ns: string | undefined): number | undefined {
  const extensions = childOf(el, ns, 'extensions');
  for (const tpx of [TRACKPOINT_EXTENSION_V1_NS, TRACKPOINT_EXTENSION_V2_NS]) {
    const hr = readXmlNumber(textOf(childOf(childOf(extensions, tpx, 'TrackPointExtension'), tpx, 'hr')));
    if (hr !== undefined) return Number.isInteger(hr) && hr >= 20 && hr <= 260 ? hr : undefined;
  }
  return undefined;
}

function extensionTime(extension: XmlElement | undefined, name: string): number | undefined {
  const instant = readXmlDateTime(textOf(childOf(extension, SW_NS, name)));
  return instant === undefined ? undefined : Date.parse(instant.iso);
}

/** Sample mean and maximum; GPX points are usually 1 s apart, so the mean is close to time-weighted. */
function heartRateOf(points: readonly TrackPoint[]): Pick<Workout, 'heartRate'> {
  let total = 0;
  let count = 0;
  let maximum = 0;
  for (const p of points) {
    if (p.heartRateBpm === undefined) continue;
    total += p.heartRateBpm;
    count += 1;
    maximum = Math.max(maximum, p.heartRateBpm);
  }
  if (count === 0) return {};
  return {
    heartRate: {
      average: { value: Math.round(total / count), unit: '/min' },
      maximum: { value: maximum, unit: '/min' },
    },
  };
}
