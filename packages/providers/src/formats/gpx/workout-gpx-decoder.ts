import { workout } from '@syncwell/core';
import type { ProviderId, TrackPoint, Workout } from '@syncwell/core';
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
export interface GpxSource {
  readonly provider: ProviderId;
  readonly externalId: string;
}

/**
 * Decodes the tracks of a GPX file into one canonical workout, validated with the core schema.
 * Start and end are the first and last point times (widened by a SyncWell extension if
 * present); distance is the great-circle length of each segment; heart rate comes from the
 * points' TrackPointExtension `hr`. GPX has no laps, so `laps` is empty. The sport is read
 * from `trk/type`, a convention rather than a standard (see gpx-sport-table.ts).
 * Throws `GpxDecodeError` (`SW_ITEM_CORRUPT_FILE`) for malformed or truncated XML, another
 * root element, no track, or a track point without a valid time or position.
 *
 * @example
 *   const ride = decodeWorkoutGpx(bytes, { provider: 'strava', externalId: String(activity.id) });
 */
export function decodeWorkoutGpx(xml: string | Uint8Array, source: GpxSource): Workout {
  const root = readRoot(xml);
  const ns = root.ns;
  const tracks = childrenOf(root, ns, 'trk');
  if (tracks.length === 0) throw new GpxDecodeError('no track (route or waypoint file?)');
  const first = tracks[0];

  const points: TrackPoint[] = [];
  let distance = 0;
  let firstOffset: number | undefined;
  for (const segment of tracks.flatMap((t) => childrenOf(t, ns, 'trkseg'))) {
    let previous: TrackPoint | undefined;
    for (const el of childrenOf(segment, ns, 'trkpt')) {
      const { point, offsetMinutes } = readPoint(el, ns);
      firstOffset ??= offsetMinutes;
      // Segments are separate recordings (pauses, signal loss): no distance across the gap.
      if (previous !== undefined) distance += haversineMetres(previous, point);
      previous = point;
      points.push(point);
    }
  }
  if (points.length === 0) throw new GpxDecodeError('track has no points');

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
  return parsed.data;
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

function readPoint(
  el: XmlElement,
  ns: string | undefined,
): { point: TrackPoint; offsetMinutes: number | undefined } {
  const lat = readXmlNumber(attributeOf(el, 'lat'));
  const lon = readXmlNumber(attributeOf(el, 'lon'));
  if (lat === undefined || lon === undefined) throw new GpxDecodeError('track point without lat and lon');
  const timeText = textOf(childOf(el, ns, 'time'));
  // A track without times is a drawn route, not a recorded activity.
  if (timeText === undefined) throw new GpxDecodeError('track point without time');
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
