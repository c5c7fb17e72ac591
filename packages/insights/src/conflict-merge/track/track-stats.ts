import type { TrackPoint } from '@syncwell/core';
import { cosLatitude, planarDistanceM, pointTimesMs } from './track-geometry.js';

/** Two samples further apart than this are a gap, not a recording interval (smart recording ≤ ~10 s). */
export const GAP_MS = 30_000;
/** Below this speed a gap is a pause (standing at a crossing), above it the receiver lost the fix. */
export const STATIONARY_MPS = 0.5;
/** No human-powered sport, nor a car on the way home, moves this fast: a jump is a GPS teleport. */
export const SPIKE_MPS = 50;
/** Share of the track's span read as its head and its tail. */
const EDGE_SHARE = 0.1;

/** What a track says about its own quality; every figure comes from the points alone. */
export interface TrackStats {
  readonly points: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Sum of the segments, jumps included (what a naive distance reads). */
  readonly lengthM: number;
  /** Sum of the segments without teleport jumps. */
  readonly cleanLengthM: number;
  /** Time between consecutive samples that are no gap, plus pauses (a pause hides nothing). */
  readonly coveredMs: number;
  /** Gaps during which the wearer moved: the receiver lost the fix (tunnel, pocket, trees). */
  readonly dropoutMs: number;
  /** Time spent standing: slow steps and gaps without movement (auto-pause leaves those). */
  readonly stationaryMs: number;
  /** Segments faster than SPIKE_MPS: teleports out and back. */
  readonly jumps: number;
  /** Metres per second over the first and last tenth of the span, and over the whole span (clean). */
  readonly headSpeed: number;
  readonly tailSpeed: number;
  readonly meanSpeed: number;
  /** Share of points carrying a heart rate. */
  readonly heartRateShare: number;
  readonly firstLat: number;
  readonly firstLon: number;
}

const computed = new WeakMap<readonly TrackPoint[], TrackStats>();

/**
 * Reads a track once (and keeps the result per track array: features, agreement and joining all
 * ask); `undefined` for a missing or single-point track.
 */
export function trackStats(track: readonly TrackPoint[] | undefined): TrackStats | undefined {
  if (track === undefined || track.length < 2) return undefined;
  const cached = computed.get(track);
  if (cached !== undefined && cached.points === track.length) return cached;
  const stats = readTrack(track);
  computed.set(track, stats);
  return stats;
}

function readTrack(track: readonly TrackPoint[]): TrackStats {
  const times = pointTimesMs(track);
  const first = track[0] as TrackPoint;
  const cosLat = cosLatitude(first.lat);
  const startMs = times[0] as number;
  const endMs = times[times.length - 1] as number;
  const spanMs = Math.max(1, endMs - startMs);
  const headEnd = startMs + spanMs * EDGE_SHARE;
  const tailStart = endMs - spanMs * EDGE_SHARE;

  let lengthM = 0;
  let cleanLengthM = 0;
  let coveredMs = 0;
  let dropoutMs = 0;
  let stationaryMs = 0;
  let jumps = 0;
  let headM = 0;
  let tailM = 0;
  let withHeartRate = first.heartRateBpm === undefined ? 0 : 1;
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1] as TrackPoint;
    const b = track[i] as TrackPoint;
    if (b.heartRateBpm !== undefined) withHeartRate++;
    const dt = (times[i] as number) - (times[i - 1] as number);
    if (dt <= 0) continue;
    const d = planarDistanceM(a.lat, a.lon, b.lat, b.lon, cosLat);
    const speed = (d * 1000) / dt;
    lengthM += d;
    if (speed > SPIKE_MPS) {
      jumps++;
      continue;
    }
    cleanLengthM += d;
    if ((times[i - 1] as number) < headEnd) headM += d;
    if ((times[i] as number) > tailStart) tailM += d;
    if (dt > GAP_MS) {
      if (speed <= STATIONARY_MPS) {
        coveredMs += dt;
        stationaryMs += dt;
      } else {
        dropoutMs += dt;
      }
    } else {
      coveredMs += dt;
      if (speed < STATIONARY_MPS) stationaryMs += dt;
    }
  }
  const edgeS = (spanMs * EDGE_SHARE) / 1000;
  return {
    points: track.length,
    startMs,
    endMs,
    lengthM,
    cleanLengthM,
    coveredMs,
    dropoutMs,
    stationaryMs,
    jumps,
    headSpeed: headM / edgeS,
    tailSpeed: tailM / edgeS,
    meanSpeed: cleanLengthM / (spanMs / 1000),
    heartRateShare: withHeartRate / track.length,
    firstLat: first.lat,
    firstLon: first.lon,
  };
}
