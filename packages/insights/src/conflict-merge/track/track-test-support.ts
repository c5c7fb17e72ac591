import type { TrackPoint } from '@syncwell/core';
import { offsetPoint } from './track-geometry.js';

/** A straight run east at `speed` m/s, one point every `stepS` seconds, from 07:00 UTC. */
export function straightTrack(points: number, stepS = 2, speed = 3): TrackPoint[] {
  const start = Date.parse('2026-03-01T07:00:00Z');
  return Array.from({ length: points }, (_, i) => {
    const { lat, lon } = offsetPoint(52.5, 13.4, i * stepS * speed, 0);
    return { time: new Date(start + i * stepS * 1000).toISOString(), lat, lon, heartRateBpm: 140 };
  });
}

/** The track without the points whose index is in [from, to). */
export function withoutPoints(track: readonly TrackPoint[], from: number, to: number): TrackPoint[] {
  return track.filter((_, i) => i < from || i >= to);
}

/** The track with point `at` moved `metres` north. */
export function withTeleport(track: readonly TrackPoint[], at: number, metres: number): TrackPoint[] {
  return track.map((p, i) => (i === at ? { ...p, ...offsetPoint(p.lat, p.lon, 0, metres) } : p));
}
