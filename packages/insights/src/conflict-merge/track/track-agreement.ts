import type { TrackPoint } from '@syncwell/core';
import { cosLatitude, planarDistanceM, pointTimesMs } from './track-geometry.js';
import { GAP_MS, STATIONARY_MPS, trackStats } from './track-stats.js';

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
  if (!mayAgree(candidate, reference)) return false;
  const refTimes = pointTimesMs(reference);
  const candTimes = pointTimesMs(candidate);
  const from = refTimes[0] as number;
  const to = refTimes[refTimes.length - 1] as number;
  const cosLat = cosLatitude((reference[0] as TrackPoint).lat);
  if (coveredWithin(candidate, candTimes, from, to, cosLat) < TRACK_MIN_COVERAGE * (to - from)) return false;

  let j = 0;
  for (let i = 0; i < candidate.length; i++) {
    const t = candTimes[i] as number;
    const point = candidate[i] as TrackPoint;
    let lat: number;
    let lon: number;
    if (t <= from || t >= to) {
      const end = t <= from ? (reference[0] as TrackPoint) : (reference[reference.length - 1] as TrackPoint);
      lat = end.lat;
      lon = end.lon;
    } else {
      while (j < refTimes.length - 2 && (refTimes[j + 1] as number) <= t) j++;
      const a = reference[j] as TrackPoint;
      const b = reference[j + 1] as TrackPoint;
      const span = (refTimes[j + 1] as number) - (refTimes[j] as number);
      const w = span > 0 ? (t - (refTimes[j] as number)) / span : 0;
      lat = a.lat + (b.lat - a.lat) * w;
      lon = a.lon + (b.lon - a.lon) * w;
    }
    if (planarDistanceM(point.lat, point.lon, lat, lon, cosLat) > TRACK_MAX_DEVIATION_M) return false;
  }
  return true;
}

/**
 * A cheap necessary condition from the tracks' statistics: the candidate's span less the time it
 * lost the fix bounds what it can cover of the reference's span. Spares the point-by-point walk
 * for tracks that plainly differ (started late, stopped early, dropouts).
 */
function mayAgree(candidate: readonly TrackPoint[], reference: readonly TrackPoint[]): boolean {
  const c = trackStats(candidate);
  const r = trackStats(reference);
  if (c === undefined || r === undefined) return true;
  return c.endMs - c.startMs - c.dropoutMs >= TRACK_MIN_COVERAGE * (r.endMs - r.startMs);
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
    const t0 = times[i - 1] as number;
    const t1 = times[i] as number;
    if (t1 <= from || t0 >= to || t1 <= t0) continue;
    if (t1 - t0 > GAP_MS) {
      const a = track[i - 1] as TrackPoint;
      const b = track[i] as TrackPoint;
      const speed = (planarDistanceM(a.lat, a.lon, b.lat, b.lon, cosLat) * 1000) / (t1 - t0);
      if (speed > STATIONARY_MPS) continue;
    }
    covered += Math.min(t1, to) - Math.max(t0, from);
  }
  return covered;
}
