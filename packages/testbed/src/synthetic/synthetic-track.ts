import type { TrackPoint } from '@syncwell/core';
import { offsetMetres } from './geo-math.js';
import type { LatLon } from './geo-math.js';
import type { SeededRandom } from './seeded-random.js';

export const SAMPLE_INTERVAL_S = 5;

export interface TrackPlan {
  readonly home: LatLon & { readonly altitudeM: number };
  readonly startMs: number;
  readonly durationS: number;
  readonly speedMps: number;
  readonly hillAmplitudeM: number;
  /** Heart rate at the first step, the effort it settles towards, and the ceiling. */
  readonly heart: { readonly start: number; readonly target: number; readonly maximum: number };
}

/**
 * A GPS track, one point every 5 s: a smooth loop or an out-and-back from home, speed varying
 * gently around the plan, altitude rolling and closing back on the start, and heart rate that
 * climbs towards the target effort, drifts upward with time and reacts to climbs.
 */
export function generateTrack(plan: TrackPlan, random: SeededRandom): TrackPoint[] {
  const points = Math.floor(plan.durationS / SAMPLE_INTERVAL_S) + 1;
  const along: number[] = [0];
  const paceWave = random.between(240, 900);
  const pacePhase = random.between(0, 2 * Math.PI);
  for (let i = 1; i < points; i++) {
    const t = i * SAMPLE_INTERVAL_S;
    const speed = plan.speedMps * (1 + 0.05 * Math.sin((2 * Math.PI * t) / paceWave + pacePhase));
    along.push((along[i - 1] ?? 0) + speed * SAMPLE_INTERVAL_S);
  }
  const total = along[points - 1] ?? 0;
  const shape =
    random.next() < 0.6 ? loopShape(plan.home, total, random) : outAndBackShape(plan.home, total, random);
  const hills = random.int(1, 3);
  const hillPhase = random.between(0, 2 * Math.PI);

  const track: TrackPoint[] = [];
  let previousAltitude = plan.home.altitudeM;
  for (let i = 0; i < points; i++) {
    const s = along[i] ?? 0;
    const t = i * SAMPLE_INTERVAL_S;
    // Periodic over the whole route so the altitude ends where it started.
    const fraction = shape.altitudeFraction(s);
    const altitudeM =
      plan.home.altitudeM +
      plan.hillAmplitudeM * (Math.sin(2 * Math.PI * hills * fraction + hillPhase) - Math.sin(hillPhase));
    const grade = i === 0 ? 0 : (altitudeM - previousAltitude) / Math.max(s - (along[i - 1] ?? 0), 1);
    previousAltitude = altitudeM;
    const { start, target, maximum } = plan.heart;
    const warmUp = 1 - Math.exp(-t / 120);
    const drift = (t / 3600) * 6;
    const climb = Math.max(-6, Math.min(12, grade * 150));
    const bpm = start + (target - start) * warmUp + drift + climb + random.between(-1.5, 1.5);
    const position = shape.at(s);
    track.push({
      time: new Date(plan.startMs + t * 1000).toISOString(),
      lat: position.lat,
      lon: position.lon,
      altitudeM: Math.round(altitudeM * 10) / 10,
      heartRateBpm: Math.round(Math.min(maximum, Math.max(start, bpm))),
    });
  }
  return track;
}

interface RouteShape {
  at(s: number): LatLon;
  /** 0 → 1 over the route, folded for out-and-back so the way back mirrors the way out. */
  altitudeFraction(s: number): number;
}

function loopShape(home: LatLon, total: number, random: SeededRandom): RouteShape {
  const radius = Math.max(total / (2 * Math.PI), 1);
  const bearing = random.between(0, 2 * Math.PI);
  const center = offsetMetres(home, radius * Math.cos(bearing), radius * Math.sin(bearing));
  const wobble = random.between(0.04, 0.12);
  const direction = random.next() < 0.5 ? 1 : -1;
  return {
    at(s) {
      const angle = bearing + Math.PI + direction * (s / radius);
      // The wobble is zero at the start and end of the loop so it closes on home.
      const r = radius * (1 + wobble * Math.sin((2 * s * 2 * Math.PI) / Math.max(total, 1)));
      return offsetMetres(center, r * Math.cos(angle), r * Math.sin(angle));
    },
    altitudeFraction: (s) => s / Math.max(total, 1),
  };
}

function outAndBackShape(home: LatLon, total: number, random: SeededRandom): RouteShape {
  const bearing = random.between(0, 2 * Math.PI);
  const wiggleM = random.between(15, 60);
  const wiggleWave = random.between(800, 2500);
  const half = total / 2;
  const out = (s: number): number => (s <= half ? s : total - s);
  return {
    at(s) {
      const d = out(s);
      const side = wiggleM * Math.sin((2 * Math.PI * d) / wiggleWave);
      const north = d * Math.cos(bearing) - side * Math.sin(bearing);
      const east = d * Math.sin(bearing) + side * Math.cos(bearing);
      return offsetMetres(home, north, east);
    },
    altitudeFraction: (s) => out(s) / Math.max(total, 1),
  };
}
