import type { EventMesg, RecordMesg } from '@garmin/fitsdk';
import type { TrackPoint } from '@syncwell/core';
import { semicirclesToDegrees } from './fit-units.js';

/** Timer events that pause recording; the next positioned record starts a new segment. */
const TIMER_STOPS = new Set(['stop', 'stopAll', 'stopDisable', 'stopDisableAll']);

export interface FitTrack {
  readonly points: TrackPoint[];
  /** Records whose position is outside the globe (a receiver glitch): left out, counted. */
  readonly badPositions: number;
}

/**
 * The records with a position, as track points. A point after a timer stop (auto-pause, the
 * user's stop button) starts a new segment, so the gap is never counted as distance. Records
 * without a fix (tunnels, indoor parts) carry no position and are not track points.
 */
export function fitTrackOf(records: readonly RecordMesg[], events: readonly EventMesg[]): FitTrack {
  const stops = events
    .filter((e) => e.event === 'timer' && TIMER_STOPS.has(String(e.eventType)) && e.timestamp instanceof Date)
    .map((e) => (e.timestamp as Date).getTime())
    .sort((a, b) => a - b);
  const points: TrackPoint[] = [];
  let badPositions = 0;
  let previousMs: number | undefined;
  let nextStop = 0;
  for (const record of records) {
    const { timestamp, positionLat, positionLong } = record;
    if (!(timestamp instanceof Date) || typeof positionLat !== 'number' || typeof positionLong !== 'number')
      continue;
    const lat = semicirclesToDegrees(positionLat);
    const lon = semicirclesToDegrees(positionLong);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      badPositions += 1;
      continue;
    }
    const ms = timestamp.getTime();
    // A stop at or after the previous point and before this one paused the recording between them.
    let paused = false;
    while (nextStop < stops.length && (stops[nextStop] ?? Infinity) < ms) {
      if (previousMs !== undefined && (stops[nextStop] ?? -Infinity) >= previousMs) paused = true;
      nextStop += 1;
    }
    const altitude = record.enhancedAltitude ?? record.altitude;
    const heartRate = record.heartRate;
    points.push({
      time: timestamp.toISOString(),
      lat,
      lon,
      ...(typeof altitude === 'number' ? { altitudeM: altitude } : {}),
      ...(typeof heartRate === 'number' && heartRate >= 20 && heartRate <= 260
        ? { heartRateBpm: heartRate }
        : {}),
      ...(paused && points.length > 0 ? { newSegment: true as const } : {}),
    });
    previousMs = ms;
  }
  return { points, badPositions };
}

/** The latest record time in [fromMs, beforeMs), for a summary message that gives no end. */
export function lastRecordMs(
  records: readonly RecordMesg[],
  fromMs: number,
  beforeMs: number,
): number | undefined {
  let last: number | undefined;
  for (const record of records) {
    if (!(record.timestamp instanceof Date)) continue;
    const ms = record.timestamp.getTime();
    if (ms >= fromMs && ms < beforeMs && (last === undefined || ms > last)) last = ms;
  }
  return last;
}
