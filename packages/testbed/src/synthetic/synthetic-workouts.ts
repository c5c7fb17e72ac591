import type { Lap, ProviderId, TrackPoint, Workout } from '@syncwell/core';
import { haversineMetres } from './geo-math.js';
import { SeededRandom, deriveSeed } from './seeded-random.js';
import { generateAthlete } from './synthetic-athlete.js';
import type { SyntheticAthlete } from './synthetic-athlete.js';
import { generateTrack } from './synthetic-track.js';

export interface GenerateWorkoutsOptions {
  readonly seed: number;
  readonly count: number;
  readonly provider: ProviderId;
  /** Every workout ends at or before this instant (on an earlier local day). */
  readonly endBefore: Date;
  /** The athlete's offset; defaults to one guessed from the home longitude. */
  readonly utcOffsetMinutes?: number;
  /** Whose workouts; defaults to `generateAthlete(seed)`. Lets callers add more for one person. */
  readonly athlete?: SyntheticAthlete;
}

type OutdoorSport = 'running' | 'cycling' | 'walking';

interface SportProfile {
  readonly label: string;
  readonly speedMps: readonly [number, number];
  readonly minutes: readonly [number, number];
  /** Target heart rate as a fraction of the athlete's maximum. */
  readonly effort: readonly [number, number];
  readonly hillAmplitudeM: readonly [number, number];
  readonly lapMetres: number;
  /** Energy model: MET ≈ factor × speed in km/h (running ~1 MET per km/h). */
  readonly metPerKmh: number;
}

export const SPORT_PROFILES: Readonly<Record<OutdoorSport, SportProfile>> = {
  running: {
    label: 'Run',
    speedMps: [2.6, 3.7],
    minutes: [25, 75],
    effort: [0.76, 0.87],
    hillAmplitudeM: [4, 20],
    lapMetres: 1000,
    metPerKmh: 1,
  },
  cycling: {
    label: 'Ride',
    speedMps: [6.1, 8.3],
    minutes: [45, 150],
    effort: [0.66, 0.78],
    hillAmplitudeM: [10, 50],
    lapMetres: 5000,
    metPerKmh: 0.4,
  },
  walking: {
    label: 'Walk',
    speedMps: [1.25, 1.6],
    minutes: [30, 90],
    effort: [0.5, 0.6],
    hillAmplitudeM: [2, 10],
    lapMetres: 1000,
    metPerKmh: 0.75,
  },
};

/**
 * Realistic outdoor workouts of one synthetic athlete (the seed's), oldest first, each on its
 * own local day before `endBefore`, at plausible local hours. Deterministic per seed.
 *
 * @example
 *   const workouts = generateWorkouts({ seed: 1, count: 5, provider: 'polar', endBefore: new Date() });
 */
export function generateWorkouts(opts: GenerateWorkoutsOptions): Workout[] {
  const athlete = opts.athlete ?? generateAthlete(opts.seed);
  const offset =
    opts.utcOffsetMinutes ?? Math.max(-720, Math.min(840, Math.round(athlete.home.lon / 15) * 60));
  const calendar = new SeededRandom(deriveSeed(opts.seed, 0xca1));
  const localToday = new Date(opts.endBefore.getTime() + offset * 60_000);
  const workouts: Workout[] = [];
  let daysBack = 0;
  for (let index = 0; index < opts.count; index++) {
    daysBack += calendar.int(1, 3);
    const localDay = Date.UTC(
      localToday.getUTCFullYear(),
      localToday.getUTCMonth(),
      localToday.getUTCDate() - daysBack,
    );
    const random = new SeededRandom(deriveSeed(opts.seed, index + 1));
    workouts.push(generateWorkout(athlete, { localDay, offset, provider: opts.provider }, random));
  }
  return workouts.reverse();
}

function generateWorkout(
  athlete: SyntheticAthlete,
  day: { localDay: number; offset: number; provider: ProviderId },
  random: SeededRandom,
): Workout {
  const sport = random.weighted<OutdoorSport>([
    ['running', 5],
    ['cycling', 3],
    ['walking', 2],
  ]);
  const profile = SPORT_PROFILES[sport];
  const weekend = [0, 6].includes(new Date(day.localDay).getUTCDay());
  const hour = weekend ? random.int(8, 11) : random.pick([6, 7, 17, 18, 19]);
  const startMs = day.localDay + (hour * 60 + random.int(0, 59)) * 60_000 - day.offset * 60_000;
  const durationS = Math.round((random.between(...profile.minutes) * 60) / 5) * 5;
  const speedMps = random.between(...profile.speedMps);
  const track = generateTrack(
    {
      home: athlete.home,
      startMs,
      durationS,
      speedMps,
      hillAmplitudeM: random.between(...profile.hillAmplitudeM),
      heart: {
        start: athlete.restingHeartRate + 20,
        target: athlete.maxHeartRate * random.between(...profile.effort),
        maximum: athlete.maxHeartRate,
      },
    },
    random,
  );
  const cumulative = cumulativeDistances(track);
  const distanceM = cumulative[cumulative.length - 1] ?? 0;
  const energyKcal = Math.round(profile.metPerKmh * speedMps * 3.6 * athlete.weightKg * (durationS / 3600));
  const bpms = track.map((p) => p.heartRateBpm ?? 0);
  const localHour = hour;
  return {
    type: 'workout',
    provenance: { provider: day.provider, externalId: random.hexId(16) },
    sport,
    name: `${localHour < 12 ? 'Morning' : localHour < 17 ? 'Afternoon' : 'Evening'} ${profile.label}`,
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(startMs + durationS * 1000).toISOString(),
    utcOffsetMinutes: day.offset,
    movingTime: { value: durationS, unit: 's' },
    distance: { value: roundTo(distanceM, 2), unit: 'm' },
    energy: { value: energyKcal, unit: 'kcal' },
    heartRate: {
      average: { value: Math.round(mean(bpms)), unit: '/min' },
      maximum: { value: Math.max(...bpms), unit: '/min' },
    },
    laps: splitLaps(track, cumulative, profile.lapMetres, energyKcal),
    track,
  };
}

/** Laps close at the first track point at or past each lap distance; the rest is the last lap. */
function splitLaps(
  track: readonly TrackPoint[],
  cumulative: readonly number[],
  lapMetres: number,
  energyKcal: number,
): Lap[] {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const laps: Lap[] = [];
  let startIndex = 0;
  for (let i = 1; i < track.length; i++) {
    const isLast = i === track.length - 1;
    const distanceSinceStart = (cumulative[i] ?? 0) - (cumulative[startIndex] ?? 0);
    if (distanceSinceStart < lapMetres && !isLast) continue;
    const lapPoints = track.slice(startIndex + 1, i + 1);
    laps.push({
      startTime: track[startIndex]?.time ?? '',
      endTime: track[i]?.time ?? '',
      distance: { value: roundTo(distanceSinceStart, 2), unit: 'm' },
      energy: { value: Math.round((energyKcal * distanceSinceStart) / Math.max(total, 1)), unit: 'kcal' },
      averageHeartRate: { value: Math.round(mean(lapPoints.map((p) => p.heartRateBpm ?? 0))), unit: '/min' },
    });
    startIndex = i;
  }
  return laps;
}

function cumulativeDistances(track: readonly TrackPoint[]): number[] {
  const cumulative = [0];
  for (let i = 1; i < track.length; i++) {
    const prev = track[i - 1];
    const here = track[i];
    const step = prev !== undefined && here !== undefined ? haversineMetres(prev, here) : 0;
    cumulative.push((cumulative[i - 1] ?? 0) + step);
  }
  return cumulative;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
