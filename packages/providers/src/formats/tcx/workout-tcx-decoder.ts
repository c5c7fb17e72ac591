import { workout } from '@syncwell/core';
import type { Lap, ProviderId, TrackPoint, Workout } from '@syncwell/core';
import { TcxDecodeError } from './tcx-decode-error.js';
import { TCX_NS } from './tcx-namespaces.js';
import { heartRateValue, optionalNumber, plausibleHeartRate, requiredTime } from './tcx-read.js';
import { sportTypeOfTcx } from './tcx-sport-table.js';
import {
  SYNCWELL_EXTENSION_ELEMENT,
  SYNCWELL_EXTENSION_NS,
  attributeOf,
  childOf,
  childrenOf,
  offsetFromExtension,
  parseXml,
  textOf,
  xmlTextOf,
} from './xml/index.js';
import type { XmlElement } from './xml/index.js';

/** Where the decoded workout came from; becomes its provenance. */
export interface TcxSource {
  readonly provider: ProviderId;
  readonly externalId: string;
}

interface ReadLap {
  readonly startMs: number;
  readonly totalSeconds: number;
  readonly lap: Lap;
  readonly maxHeartRate: number | undefined;
}

/**
 * Decodes the first activity of a TCX v2 file into a canonical workout, validated with the
 * core schema. TCX has no activity totals, so distance, energy and moving time are the sums of
 * the laps, heart rate the duration-weighted lap average and the highest lap maximum (falling
 * back to the trackpoints). A single lap reads as "no laps", like FIT's session-wide lap.
 * Throws `TcxDecodeError` (`SW_ITEM_CORRUPT_FILE`) for malformed or truncated XML, another root
 * element, a file without an activity, or a missing or bad time.
 *
 * @example
 *   const ride = decodeWorkoutTcx(bytes, { provider: 'garmin', externalId: activityId });
 */
export function decodeWorkoutTcx(xml: string | Uint8Array, source: TcxSource): Workout {
  const root = readRoot(xml);
  const activity = childOf(childOf(root, TCX_NS, 'Activities'), TCX_NS, 'Activity');
  if (activity === undefined) throw new TcxDecodeError('no activity (course or workout file?)');
  const id = requiredTime(textOf(childOf(activity, TCX_NS, 'Id')), 'activity Id');

  const track: TrackPoint[] = [];
  const times: number[] = [Date.parse(id.iso)];
  const laps = childrenOf(activity, TCX_NS, 'Lap').map((el) => readLap(el, track, times));
  if (laps.length === 0) throw new TcxDecodeError('activity has no laps');
  for (const lap of laps) times.push(lap.startMs, lap.startMs + Math.round(lap.totalSeconds * 1000));
  // Reduce, not Math.min(...times): a long track would exceed the argument limit.
  const startMs = times.reduce((a, b) => Math.min(a, b));
  const endMs = times.reduce((a, b) => Math.max(a, b));

  const candidate = {
    type: 'workout',
    provenance: { provider: source.provider, externalId: source.externalId },
    sport: sportTypeOfTcx(attributeOf(activity, 'Sport')),
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(endMs).toISOString(),
    utcOffsetMinutes: offsetOf(activity) ?? id.offsetMinutes ?? 0,
    movingTime: { value: sum(laps.map((l) => l.totalSeconds)), unit: 's' },
    ...positiveTotal(
      'distance',
      'm',
      laps.map((l) => l.lap.distance?.value),
    ),
    ...positiveTotal(
      'energy',
      'kcal',
      laps.map((l) => l.lap.energy?.value),
    ),
    ...heartRateOf(laps, track),
    laps: laps.length === 1 ? [] : laps.map((l) => l.lap),
    ...(track.length > 0 ? { track } : {}),
  };
  const parsed = workout.safeParse(candidate);
  if (!parsed.success)
    throw new TcxDecodeError('activity does not form a valid workout', { cause: parsed.error });
  return parsed.data;
}

function readRoot(xml: string | Uint8Array): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xmlTextOf(xml));
  } catch (error) {
    throw new TcxDecodeError('not well-formed XML', { cause: error });
  }
  if (root.local !== 'TrainingCenterDatabase' || root.ns !== TCX_NS) {
    throw new TcxDecodeError('root is not a TCX v2 TrainingCenterDatabase');
  }
  return root;
}

/** Reads one lap, appending its positioned trackpoints to `track` and every time to `times`. */
function readLap(el: XmlElement, track: TrackPoint[], times: number[]): ReadLap {
  const start = requiredTime(attributeOf(el, 'StartTime'), 'lap StartTime');
  const totalSeconds = optionalNumber(childOf(el, TCX_NS, 'TotalTimeSeconds'), 'TotalTimeSeconds');
  if (totalSeconds === undefined || totalSeconds < 0) throw new TcxDecodeError('lap has no TotalTimeSeconds');
  const startMs = Date.parse(start.iso);
  const distance = optionalNumber(childOf(el, TCX_NS, 'DistanceMeters'), 'lap DistanceMeters');
  const calories = optionalNumber(childOf(el, TCX_NS, 'Calories'), 'Calories');
  const average = heartRateValue(el, 'AverageHeartRateBpm');
  for (const point of childrenOf(el, TCX_NS, 'Track').flatMap((t) => childrenOf(t, TCX_NS, 'Trackpoint'))) {
    const time = requiredTime(textOf(childOf(point, TCX_NS, 'Time')), 'Trackpoint Time');
    times.push(Date.parse(time.iso));
    const read = readTrackpoint(point, time.iso);
    if (read !== undefined) track.push(read);
  }
  return {
    startMs,
    totalSeconds,
    maxHeartRate: heartRateValue(el, 'MaximumHeartRateBpm'),
    lap: {
      startTime: start.iso,
      endTime: new Date(startMs + Math.round(totalSeconds * 1000)).toISOString(),
      // TCX requires DistanceMeters and Calories; writers put 0 when they do not know.
      ...(distance !== undefined && distance > 0 ? { distance: { value: distance, unit: 'm' } } : {}),
      ...(calories !== undefined && calories > 0 ? { energy: { value: calories, unit: 'kcal' } } : {}),
      ...(average !== undefined && average > 0 ? { averageHeartRate: { value: average, unit: '/min' } } : {}),
    },
  };
}

/** Trackpoints without a position (indoor parts, GPS lost, end markers) carry time only. */
function readTrackpoint(el: XmlElement, time: string): TrackPoint | undefined {
  const position = childOf(el, TCX_NS, 'Position');
  if (position === undefined) return undefined;
  const lat = optionalNumber(childOf(position, TCX_NS, 'LatitudeDegrees'), 'LatitudeDegrees');
  const lon = optionalNumber(childOf(position, TCX_NS, 'LongitudeDegrees'), 'LongitudeDegrees');
  if (lat === undefined || lon === undefined)
    throw new TcxDecodeError('Position without latitude and longitude');
  const altitude = optionalNumber(childOf(el, TCX_NS, 'AltitudeMeters'), 'AltitudeMeters');
  const heartRate = plausibleHeartRate(heartRateValue(el, 'HeartRateBpm'));
  return {
    time,
    lat,
    lon,
    ...(altitude === undefined ? {} : { altitudeM: altitude }),
    ...(heartRate === undefined ? {} : { heartRateBpm: heartRate }),
  };
}

function offsetOf(activity: XmlElement): number | undefined {
  const extension = childOf(
    childOf(activity, TCX_NS, 'Extensions'),
    SYNCWELL_EXTENSION_NS,
    SYNCWELL_EXTENSION_ELEMENT,
  );
  return offsetFromExtension(textOf(childOf(extension, SYNCWELL_EXTENSION_NS, 'UtcOffsetMinutes')));
}

function heartRateOf(laps: readonly ReadLap[], track: readonly TrackPoint[]): Pick<Workout, 'heartRate'> {
  const weighted = laps.filter((l) => l.lap.averageHeartRate !== undefined);
  const weight = sum(weighted.map((l) => l.totalSeconds));
  const lapAverage =
    weighted.length === 0
      ? undefined
      : weight > 0
        ? sum(weighted.map((l) => (l.lap.averageHeartRate?.value ?? 0) * l.totalSeconds)) / weight
        : sum(weighted.map((l) => l.lap.averageHeartRate?.value ?? 0)) / weighted.length;
  const samples = track.flatMap((p) => (p.heartRateBpm === undefined ? [] : [p.heartRateBpm]));
  const average = lapAverage ?? (samples.length > 0 ? sum(samples) / samples.length : undefined);
  const maximum = maxOf(laps.map((l) => l.maxHeartRate)) ?? maxOf(samples);
  if (average === undefined || maximum === undefined || maximum <= 0) return {};
  return {
    heartRate: {
      average: { value: Math.round(average), unit: '/min' },
      maximum: { value: maximum, unit: '/min' },
    },
  };
}

function positiveTotal<K extends 'distance' | 'energy', U extends 'm' | 'kcal'>(
  key: K,
  unit: U,
  values: readonly (number | undefined)[],
): Partial<Record<K, { value: number; unit: U }>> {
  const total = sum(values.map((v) => v ?? 0));
  return total > 0
    ? ({ [key]: { value: total, unit } } as Partial<Record<K, { value: number; unit: U }>>)
    : {};
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  return values.reduce<number | undefined>(
    (max, v) => (v !== undefined && (max === undefined || v > max) ? v : max),
    undefined,
  );
}
