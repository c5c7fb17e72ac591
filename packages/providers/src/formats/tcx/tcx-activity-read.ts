import { sportType } from '@syncwell/core';
import type { Lap, SportType, TrackPoint, Workout } from '@syncwell/core';
import { TcxDecodeError } from './tcx-decode-error.js';
import { TCX_NS } from './tcx-namespaces.js';
import { heartRateValue, optionalNumber, plausibleHeartRate, requiredTime } from './tcx-read.js';
import { sportTypeOfTcx, tcxSportOf } from './tcx-sport-table.js';
import {
  SYNCWELL_EXTENSION_ELEMENT,
  SYNCWELL_EXTENSION_NS as SW_NS,
  attributeOf,
  childOf,
  childrenOf,
  offsetFromExtension,
  textOf,
} from './xml/index.js';
import type { XmlElement } from './xml/index.js';

/** One `<Lap>` (or multisport `<Transition>`, the same type) as read. */
export interface ReadLap {
  readonly startMs: number;
  readonly totalSeconds: number;
  /** The earlier of StartTime and its first trackpoint. */
  readonly earliestMs: number;
  /** The later of start + TotalTimeSeconds and its last trackpoint (time-only end markers included). */
  readonly endMs: number;
  readonly lap: Lap;
  readonly maxHeartRate: number | undefined;
  /** Its positioned trackpoints; a `<Track>` after the lap's first starts a segment. */
  readonly points: readonly TrackPoint[];
}

/** One `<Activity>` as read: its laps, track and span, before it becomes a workout or a leg. */
export interface ReadActivity {
  readonly sport: SportType;
  readonly offsetMinutes: number | undefined;
  readonly startMs: number;
  readonly endMs: number;
  readonly laps: readonly ReadLap[];
  readonly track: readonly TrackPoint[];
}

export type Totals = Pick<Workout, 'movingTime' | 'distance' | 'energy' | 'heartRate'>;

export function readActivity(activity: XmlElement): ReadActivity {
  const id = requiredTime(textOf(childOf(activity, TCX_NS, 'Id')), 'activity Id');
  const laps = childrenOf(activity, TCX_NS, 'Lap').map(readLap);
  if (laps.length === 0) throw new TcxDecodeError('activity has no laps');
  const extension = childOf(childOf(activity, TCX_NS, 'Extensions'), SW_NS, SYNCWELL_EXTENSION_ELEMENT);
  const idMs = Date.parse(id.iso);
  return {
    sport: sportOf(attributeOf(activity, 'Sport'), textOf(childOf(extension, SW_NS, 'Sport'))),
    offsetMinutes:
      offsetFromExtension(textOf(childOf(extension, SW_NS, 'UtcOffsetMinutes'))) ?? id.offsetMinutes,
    // Reduce, not Math.min(...): a long activity would exceed the argument limit.
    startMs: laps.reduce((min, l) => Math.min(min, l.earliestMs), idMs),
    endMs: laps.reduce((max, l) => Math.max(max, l.endMs), idMs),
    laps,
    // A lap boundary is not a segment break; a new `<Track>` inside a lap is.
    track: laps.flatMap((l) => l.points),
  };
}

/**
 * TCX's `Sport` knows three values; SyncWell also writes the canonical sport into its extension.
 * It is trusted only while it agrees with `Sport`, so a file edited elsewhere reads by `Sport`.
 */
function sportOf(attribute: string | undefined, written: string | undefined): SportType {
  const canonical = sportType.safeParse(written);
  if (canonical.success && tcxSportOf(canonical.data) === attribute) return canonical.data;
  return sportTypeOfTcx(attribute);
}

export function readLap(el: XmlElement): ReadLap {
  const start = requiredTime(attributeOf(el, 'StartTime'), 'lap StartTime');
  const totalSeconds = optionalNumber(childOf(el, TCX_NS, 'TotalTimeSeconds'), 'TotalTimeSeconds');
  if (totalSeconds === undefined || totalSeconds < 0) throw new TcxDecodeError('lap has no TotalTimeSeconds');
  const startMs = Date.parse(start.iso);
  const distance = optionalNumber(childOf(el, TCX_NS, 'DistanceMeters'), 'lap DistanceMeters');
  const calories = optionalNumber(childOf(el, TCX_NS, 'Calories'), 'Calories');
  const average = heartRateValue(el, 'AverageHeartRateBpm');
  const points: TrackPoint[] = [];
  let endMs = startMs + Math.round(totalSeconds * 1000);
  let earliestMs = startMs;
  childrenOf(el, TCX_NS, 'Track').forEach((track, k) => {
    let segmentOpen = k > 0;
    for (const trackpoint of childrenOf(track, TCX_NS, 'Trackpoint')) {
      const time = requiredTime(textOf(childOf(trackpoint, TCX_NS, 'Time')), 'Trackpoint Time');
      endMs = Math.max(endMs, Date.parse(time.iso));
      earliestMs = Math.min(earliestMs, Date.parse(time.iso));
      const point = readTrackpoint(trackpoint, time.iso);
      if (point === undefined) continue;
      points.push(segmentOpen && points.length > 0 ? { ...point, newSegment: true } : point);
      segmentOpen = false;
    }
  });
  return {
    startMs,
    totalSeconds,
    earliestMs,
    endMs,
    points,
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

/**
 * TCX has no activity totals: every reader sums the laps. Moving time is the laps' timer time,
 * distance and energy their positive sums, heart rate the duration-weighted lap average and the
 * highest lap maximum (falling back to the trackpoints).
 */
export function totalsOfLaps(laps: readonly ReadLap[], track: readonly TrackPoint[]): Totals {
  return {
    movingTime: { value: sum(laps.map((l) => l.totalSeconds)), unit: 's' },
    ...positive(
      'distance',
      'm',
      laps.map((l) => l.lap.distance?.value),
    ),
    ...positive(
      'energy',
      'kcal',
      laps.map((l) => l.lap.energy?.value),
    ),
    ...heartRateOf(laps, track),
  };
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

function positive<K extends 'distance' | 'energy', U extends 'm' | 'kcal'>(
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
