import { instantMs, type TrackPoint } from '@syncwell/core';

const EARTH_RADIUS_M = 6_371_000;
const RAD = Math.PI / 180;

/**
 * Metres between two nearby points, equirectangular: within 0.1 % of the haversine distance for
 * the few hundred metres between consecutive samples, and five times cheaper (no trigonometry
 * per point once `cosLat` is known). Inference walks every point of both tracks, so this matters.
 */
export function planarDistanceM(
  latA: number,
  lonA: number,
  latB: number,
  lonB: number,
  cosLat: number,
): number {
  const dx = (lonB - lonA) * cosLat;
  const dy = latB - latA;
  return Math.sqrt(dx * dx + dy * dy) * RAD * EARTH_RADIUS_M;
}

/** cos(latitude) for `planarDistanceM`, taken once per track. */
export function cosLatitude(latDeg: number): number {
  return Math.cos(latDeg * RAD);
}

const parsedTimes = new WeakMap<readonly TrackPoint[], Float64Array>();

/**
 * The points' instants in milliseconds. ISO parsing is the costliest part of reading a track, and
 * one suggestion reads each track several times (features, agreement, joining), so the result is
 * kept per track array (weakly: it goes with the track). Tracks are never mutated in place.
 */
export function pointTimesMs(track: readonly TrackPoint[]): Float64Array {
  const cached = parsedTimes.get(track);
  if (cached !== undefined && cached.length === track.length) return cached;
  const times = new Float64Array(track.length);
  for (let i = 0; i < track.length; i++) times[i] = instantMs((track[i] as TrackPoint).time);
  parsedTimes.set(track, times);
  return times;
}

/** Moves a point by metres east and north (the generator's GPS noise and path steps). */
export function offsetPoint(
  lat: number,
  lon: number,
  eastM: number,
  northM: number,
): { lat: number; lon: number } {
  const dLat = northM / (EARTH_RADIUS_M * RAD);
  const dLon = eastM / (EARTH_RADIUS_M * RAD * cosLatitude(lat));
  return { lat: lat + dLat, lon: lon + dLon };
}
