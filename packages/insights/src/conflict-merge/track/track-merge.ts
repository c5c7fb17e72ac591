import type { TrackPoint } from '@syncwell/core';
import { cosLatitude, planarDistanceM, pointTimesMs } from './track-geometry.js';
import { GAP_MS, SPIKE_MPS, STATIONARY_MPS, trackStats } from './track-stats.js';

/**
 * The track without teleports: a point is kept only when the last kept point could have reached
 * it at a human (or car) speed, so a spike of any length is dropped and the walk resumes where
 * the fix comes back.
 */
export function withoutTeleports(track: readonly TrackPoint[]): TrackPoint[] {
  if (track.length < 2) return [...track];
  const times = pointTimesMs(track);
  const cosLat = cosLatitude((track[0] as TrackPoint).lat);
  const kept: TrackPoint[] = [track[0] as TrackPoint];
  let lastIndex = 0;
  for (let i = 1; i < track.length; i++) {
    const last = track[lastIndex] as TrackPoint;
    const point = track[i] as TrackPoint;
    const dtS = Math.max(1, (times[i] as number) - (times[lastIndex] as number)) / 1000;
    if (planarDistanceM(last.lat, last.lon, point.lat, point.lon, cosLat) / dtS <= SPIKE_MPS) {
      kept.push(point);
      lastIndex = i;
    }
  }
  return kept;
}

/**
 * Joins two recordings of one activity (a watch and a phone that lost the fix in different
 * places): the better-covered track, teleports removed, with the other's points filling its
 * head, its tail and each stretch where it lost the fix. Where both tracks hold points, the
 * base's are kept, so a join never mixes two noise patterns in one stretch.
 */
export function joinTracks(a: readonly TrackPoint[], b: readonly TrackPoint[]): TrackPoint[] {
  const cleanA = withoutTeleports(a);
  const cleanB = withoutTeleports(b);
  const coveredA = trackStats(cleanA)?.coveredMs ?? 0;
  const coveredB = trackStats(cleanB)?.coveredMs ?? 0;
  const [base, other] = coveredB > coveredA ? [cleanB, cleanA] : [cleanA, cleanB];
  if (base.length === 0) return other;
  const holes = missingStretches(base);
  const otherTimes = pointTimesMs(other);
  const joined: TrackPoint[] = [];
  let o = 0;
  const baseTimes = pointTimesMs(base);
  for (let i = 0; i <= base.length; i++) {
    const until = i < base.length ? (baseTimes[i] as number) : Number.POSITIVE_INFINITY;
    while (o < other.length && (otherTimes[o] as number) < until) {
      if (insideAny(holes, otherTimes[o] as number)) joined.push(other[o] as TrackPoint);
      o++;
    }
    if (i < base.length) joined.push(base[i] as TrackPoint);
  }
  return joined;
}

type Stretch = readonly [fromMs: number, toMs: number];

/** Before the first point, after the last, and every gap where the wearer moved. */
function missingStretches(track: readonly TrackPoint[]): Stretch[] {
  const times = pointTimesMs(track);
  const cosLat = cosLatitude((track[0] as TrackPoint).lat);
  const holes: Stretch[] = [[Number.NEGATIVE_INFINITY, times[0] as number]];
  for (let i = 1; i < track.length; i++) {
    const dt = (times[i] as number) - (times[i - 1] as number);
    if (dt <= GAP_MS) continue;
    const a = track[i - 1] as TrackPoint;
    const b = track[i] as TrackPoint;
    const speed = (planarDistanceM(a.lat, a.lon, b.lat, b.lon, cosLat) * 1000) / dt;
    if (speed > STATIONARY_MPS) holes.push([times[i - 1] as number, times[i] as number]);
  }
  holes.push([times[times.length - 1] as number, Number.POSITIVE_INFINITY]);
  return holes;
}

function insideAny(stretches: readonly Stretch[], t: number): boolean {
  for (const [from, to] of stretches) if (t > from && t < to) return true;
  return false;
}
