import type { SportType, TrackPoint, Workout } from '@syncwell/core';
import { offsetPoint } from '../track/track-geometry.js';
import { isoFromMs } from './iso-time.js';
import { SAMPLE_MS, totals, type Activity, type Sample } from './activity.js';
import { heartRateKcalPerMin, type Persona } from './persona.js';
import { offsetOn, type Place } from './places.js';
import type { Random } from './random.js';
import { SPORT_PROFILES, sportProfile } from './sport-profiles.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Where and when: a local day (UTC midnight of the date) and the place the person is at. */
export interface Occasion {
  readonly dayMs: number;
  readonly month: number;
  readonly place: Place;
}

/** A local hour for a workout: mornings and evenings mostly, some lunchtimes. */
function drawLocalStartHour(random: Random): number {
  return random.weighted([
    [random.uniform(5.5, 9), 35],
    [random.uniform(11, 13.5), 15],
    [random.uniform(16.5, 20.5), 40],
    [random.uniform(8, 22), 10],
  ]);
}

/** A true activity: path, stops, heart rate and energy every 2 s. */
export function drawActivity(
  random: Random,
  persona: Persona,
  occasion: Occasion,
  options: { readonly sport?: SportType; readonly forceStops?: boolean } = {},
): Activity {
  const profile =
    options.sport === undefined
      ? random.weighted(SPORT_PROFILES.map((p) => [p, p.weight] as const))
      : sportProfile(options.sport);
  const offset = offsetOn(occasion.place, occasion.month);
  const startMs =
    occasion.dayMs + Math.round((drawLocalStartHour(random) * HOUR_MS) / 1000) * 1000 - offset * MINUTE_MS;
  const durationMs = Math.round(random.uniform(profile.minutes[0], profile.minutes[1])) * MINUTE_MS;
  const n = Math.floor(durationMs / SAMPLE_MS) + 1;

  const stopAt = new Set<number>();
  if ((profile.stops && random.chance(0.5)) || options.forceStops === true) {
    const count = random.int(2, 8);
    for (let k = 0; k < count; k++) {
      const at = random.int(Math.floor(n * 0.05), Math.floor(n * 0.95));
      const len = Math.round(random.uniform(15_000, 150_000) / SAMPLE_MS);
      for (let i = at; i < Math.min(n - 2, at + len); i++) stopAt.add(i);
    }
  }

  const baseSpeed = profile.speed * persona.fitness * random.uniform(0.88, 1.12);
  const intensity = random.uniform(profile.intensity[0], profile.intensity[1]);
  const targetHr = persona.restingHr + (persona.maxHr - persona.restingHr) * intensity;
  let lat = occasion.place.lat + random.uniform(-0.06, 0.06);
  let lon = occasion.place.lon + random.uniform(-0.06, 0.06);
  let heading = random.uniform(0, 2 * Math.PI);
  let hr = persona.restingHr + 25;
  const phase = random.uniform(0, 2 * Math.PI);
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const moving = !stopAt.has(i);
    const t = startMs + i * SAMPLE_MS;
    let stepM = 0;
    if (i > 0 && moving && baseSpeed > 0) {
      const speed = baseSpeed * (1 + 0.08 * Math.sin(i / 300 + phase) + random.normal(0, 0.03));
      stepM = Math.max(0, speed * (SAMPLE_MS / 1000));
      heading += random.normal(0, 0.06) + (random.chance(0.008) ? random.normal(0, 1.2) : 0);
      if (profile.outdoor)
        ({ lat, lon } = offsetPoint(lat, lon, stepM * Math.sin(heading), stepM * Math.cos(heading)));
    }
    const hrTarget = moving ? targetHr : targetHr - 18;
    hr += (hrTarget - hr) * 0.02 + random.normal(0, 0.6);
    const bpm = Math.round(Math.min(persona.maxHr, Math.max(persona.restingHr, hr)));
    const kcal = i === 0 ? 0 : (heartRateKcalPerMin(persona, bpm) * SAMPLE_MS) / MINUTE_MS;
    const iso = isoFromMs(t);
    samples.push(
      profile.outdoor
        ? { t, iso, lat, lon, hr: bpm, stepM, moving, kcal }
        : { t, iso, hr: bpm, stepM, moving, kcal },
    );
  }
  return { sport: profile.sport, outdoor: profile.outdoor, offset, samples };
}

/** The workout exactly as it happened: what a perfect device would have recorded. */
export function activityRecord(activity: Activity): Workout {
  const sum = totals(activity);
  const profile = sportProfile(activity.sport);
  const track: TrackPoint[] | undefined = activity.outdoor
    ? activity.samples.map((s) => ({
        time: s.iso,
        lat: s.lat as number,
        lon: s.lon as number,
        heartRateBpm: s.hr,
      }))
    : undefined;
  return {
    type: 'workout',
    provenance: { provider: 'garmin', externalId: 'truth' },
    sport: activity.sport,
    startTime: new Date(sum.startMs).toISOString(),
    endTime: new Date(sum.endMs).toISOString(),
    utcOffsetMinutes: activity.offset,
    movingTime: { value: Math.round(sum.movingS), unit: 's' },
    ...(profile.speed > 0 ? { distance: { value: Math.round(sum.distanceM), unit: 'm' as const } } : {}),
    energy: { value: Math.round(sum.kcal), unit: 'kcal' },
    heartRate: {
      average: { value: Math.round(sum.avgHr), unit: '/min' },
      maximum: { value: sum.maxHr, unit: '/min' },
    },
    laps: [],
    ...(track === undefined ? {} : { track }),
  };
}

/** Samples after the end: the device kept recording while the wearer stood or drove home. */
export function drawTail(
  random: Random,
  persona: Persona,
  activity: Activity,
  kind: 'standing' | 'driving',
  minutes: number,
): Sample[] {
  const last = activity.samples[activity.samples.length - 1] as Sample;
  const n = Math.round((minutes * MINUTE_MS) / SAMPLE_MS);
  const speed = random.uniform(8, 22);
  let heading = random.uniform(0, 2 * Math.PI);
  let lat = last.lat;
  let lon = last.lon;
  let hr = last.hr;
  const tail: Sample[] = [];
  for (let i = 1; i <= n; i++) {
    const moving = kind === 'driving';
    const stepM = moving ? speed * (SAMPLE_MS / 1000) * random.uniform(0.7, 1.1) : 0;
    if (moving && lat !== undefined && lon !== undefined) {
      heading += random.normal(0, 0.05);
      ({ lat, lon } = offsetPoint(lat, lon, stepM * Math.sin(heading), stepM * Math.cos(heading)));
    }
    hr += (persona.restingHr + 12 - hr) * 0.01 + random.normal(0, 0.5);
    const bpm = Math.round(Math.max(persona.restingHr, hr));
    const kcal = (heartRateKcalPerMin(persona, bpm) * SAMPLE_MS) / MINUTE_MS;
    const t = last.t + i * SAMPLE_MS;
    const iso = isoFromMs(t);
    tail.push(
      lat === undefined || lon === undefined
        ? { t, iso, hr: bpm, stepM, moving, kcal }
        : { t, iso, lat, lon, hr: bpm, stepM, moving, kcal },
    );
  }
  return tail;
}
