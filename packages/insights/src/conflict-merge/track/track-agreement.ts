import type { TrackPoint } from '@syncwell/core';
import { cosLatitude, planarDistanceM, pointTimesMs } from './track-geometry.js';
import { GAP_MS, STATIONARY_MPS } from './track-stats.js';

/** A track must cover this share of the reference's span (pauses count as covered). */
export const TRACK_MIN_COVERAGE = 0.95;
/** No point may stray further from where the reference was at that instant (GPS noise is ~3–15 m). */
export const TRACK_MAX_DEVIATION_M = 150;

/**
 * Whether `candidate` shows the route of `reference`: it covers ≥ 95 % of the reference's span
 * without losing the fix, and no point (a teleport, a drive home) lies more than 150 m from
 * where the reference was at that instant, or from its ends for points outside its span.
 * Asymmetric; two sides agree when each agrees with the other.
 */
export function trackAgrees(
  candidate: readonly TrackPoint[] | undefined,
  reference: readonly TrackPoint[] | undefined,
): boolean {
  if (candidate === undefined || reference === undefined || candidate.length < 2 || reference.length < 2) {
    return (candidate?.length ?? 0) === (reference?.length ?? 0);
  }
  const refTimes = pointTimesMs(reference);
  const candTimes = pointTimesMs(candidate);
  const from = refTimes[0]!;
  const to = refTimes[refTimes.length - 1]!;
  const cosLat = cosLatitude(reference[0]!.lat);
  if (coveredWithin(candidate, candTimes, from, to, cosLat) < TRACK_MIN_COVERAGE * (to - from)) return false;

  let j = 0;
  for (let i = 0; i < candidate.length; i++) {
    const t = candTimes[i]!;
    const point = candidate[i]!;
    let lat: number;
    let lon: number;
    if (t <= from || t >= to) {
      const end = t <= from ? reference[0]! : reference[reference.length - 1]!;
      lat = end.lat;
      lon = end.lon;
    } else {
      while (j < refTimes.length - 2 && refTimes[j + 1]! <= t) j++;
      const a = reference[j]!;
      const b = reference[j + 1]!;
      const span = refTimes[j + 1]! - refTimes[j]!;
      const w = span > 0 ? (t - refTimes[j]!) / span : 0;
      lat = a.lat + (b.lat - a.lat) * w;
      lon = a.lon + (b.lon - a.lon) * w;
    }
    if (planarDistanceM(point.lat, point.lon, lat, lon, cosLat) > TRACK_MAX_DEVIATION_M) return false;
  }
  return true;
}

/** Milliseconds of [from, to] the track covers: short steps and pauses, not moving gaps. */
function coveredWithin(
  track: readonly TrackPoint[],
  times: Float64Array,
  from: number,
  to: number,
  cosLat: number,
): number {
  let covered = 0;
  for (let i = 1; i < track.length; i++) {
    const t0 = times[i - 1]!;
    const t1 = times[i]!;
    if (t1 <= from || t0 >= to || t1 <= t0) continue;
    if (t1 - t0 > GAP_MS) {
      const a = track[i - 1]!;
      const b = track[i]!;
      const speed = (planarDistanceM(a.lat, a.lon, b.lat, b.lon, cosLat) * 1000) / (t1 - t0);
      if (speed > STATIONARY_MPS) continue;
    }
    covered += Math.min(t1, to) - Math.max(t0, from);
  }
  return covered;
}
