import { instantMs, type TrackPoint, type Workout } from '@syncwell/core';
import { cosLatitude, offsetPoint, planarDistanceM } from '../track/track-geometry.js';
import { totals, type Activity, type Sample } from './activity.js';
import type { DeviceProfile } from './device-profile.js';
import type { Random } from './random.js';
import { sportProfile } from './sport-profiles.js';

/** Body mass a motion-based estimate assumes when it does not know the wearer's. */
const DEFAULT_MASS_KG = [62, 70, 75, 80] as const;

/** A workout as one device recorded what it saw of the activity. */
export function renderWorkout(random: Random, activity: Activity, device: DeviceProfile): Workout {
  const sum = totals(activity);
  const profile = sportProfile(activity.sport);
  const elapsedS = (sum.endMs - sum.startMs) / 1000;
  const startMs = sum.startMs + Math.round(random.normal(0, 4)) * 1000;
  const endMs = sum.endMs + Math.round(random.normal(0, 4)) * 1000;
  const track = activity.outdoor ? recordTrack(random, activity, device) : undefined;

  let movingS: number | undefined;
  if (device.autoPause) movingS = sum.movingS * random.uniform(0.99, 1.01);
  else if (device.reportsMovingTime) movingS = (endMs - startMs) / 1000;

  let distanceM: number | undefined;
  if (profile.speed > 0) {
    distanceM =
      device.distanceSource === 'track' && track !== undefined
        ? trackLengthM(track)
        : sum.distanceM * random.uniform(0.988, 1.012);
  }

  const kcal =
    device.energyModel === 'heart_rate' && device.hasHeartRate
      ? sum.kcal * random.uniform(0.96, 1.04)
      : motionKcal(random, activity, movingS ?? elapsedS);

  return {
    type: 'workout',
    provenance: { provider: 'garmin', externalId: 'pending' },
    sport: activity.sport,
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(Math.max(endMs, startMs)).toISOString(),
    utcOffsetMinutes: activity.offset,
    ...(movingS === undefined ? {} : { movingTime: { value: Math.round(movingS), unit: 's' as const } }),
    ...(distanceM === undefined ? {} : { distance: { value: Math.round(distanceM), unit: 'm' as const } }),
    energy: { value: Math.round(kcal), unit: 'kcal' },
    ...(device.hasHeartRate
      ? {
          heartRate: {
            average: { value: Math.round(sum.avgHr + random.normal(0, 0.7)), unit: '/min' as const },
            maximum: { value: Math.round(sum.maxHr + random.normal(0, 0.7)), unit: '/min' as const },
          },
        }
      : {}),
    laps: [],
    ...(track === undefined ? {} : { track }),
  };
}

/** Energy from a MET table, a default body mass and a platform's own factor: no heart rate involved. */
export function motionKcal(random: Random, activity: Activity, activeS: number): number {
  const met = sportProfile(activity.sport).met * random.uniform(0.85, 1.15);
  return met * random.pick(DEFAULT_MASS_KG) * (activeS / 3600) * random.uniform(0.9, 1.1);
}

function recordTrack(random: Random, activity: Activity, device: DeviceProfile): TrackPoint[] {
  const points: TrackPoint[] = [];
  const rho = 0.95;
  const innovation = device.gpsNoiseM * Math.sqrt(1 - rho * rho);
  let ex = random.normal(0, device.gpsNoiseM);
  let ny = random.normal(0, device.gpsNoiseM);
  const samples = activity.samples;
  // Metres to degrees once per track: the walk is a few kilometres, cos(lat) barely moves.
  const degPerM = 1 / 111_195;
  const lonDegPerM = degPerM / cosLatitude((samples[0] as Sample).lat as number);
  for (let i = 0; i < samples.length; i += device.everyNth) {
    const s = samples[i] as Sample;
    ex = rho * ex + random.normal(0, innovation);
    ny = rho * ny + random.normal(0, innovation);
    // Auto-pause stops recording while standing; the first standing sample is kept (the stop's place).
    if (device.autoPause && !s.moving && i > 0 && !(samples[i - 1] as Sample).moving) continue;
    points.push({
      time: s.iso,
      lat: (s.lat as number) + ny * degPerM,
      lon: (s.lon as number) + ex * lonDegPerM,
      ...(device.hasHeartRate ? { heartRateBpm: s.hr } : {}),
    });
  }
  const last = samples[samples.length - 1] as Sample;
  if (points[points.length - 1]?.time !== last.iso) {
    points.push({
      time: last.iso,
      lat: last.lat as number,
      lon: last.lon as number,
      ...(device.hasHeartRate ? { heartRateBpm: last.hr } : {}),
    });
  }
  return points;
}

/** Length of a track point to point: what an app computes when it has only the GPS. */
export function trackLengthM(track: readonly TrackPoint[]): number {
  if (track.length < 2) return 0;
  const cosLat = cosLatitude((track[0] as TrackPoint).lat);
  let length = 0;
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1] as TrackPoint;
    const b = track[i] as TrackPoint;
    length += planarDistanceM(a.lat, a.lon, b.lat, b.lon, cosLat);
  }
  return length;
}

/** The track with the points in [fromMs, toMs) removed: the receiver lost the fix. */
export function dropStretch(track: readonly TrackPoint[], fromMs: number, toMs: number): TrackPoint[] {
  return track.filter((p) => {
    const t = instantMs(p.time);
    return t < fromMs || t >= toMs;
  });
}

/** The track with `count` consecutive points from `at` thrown `jumpM` metres away: a teleport. */
export function teleport(
  track: readonly TrackPoint[],
  at: number,
  count: number,
  jumpM: number,
  bearing: number,
): TrackPoint[] {
  return track.map((p, i) => {
    if (i < at || i >= at + count) return p;
    const { lat, lon } = offsetPoint(p.lat, p.lon, jumpM * Math.sin(bearing), jumpM * Math.cos(bearing));
    return { ...p, lat, lon };
  });
}
