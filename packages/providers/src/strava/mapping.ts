import { workout, type Lap, type TrackPoint, type Workout } from '@syncwell/core';
import type { z } from 'zod';
import { counted } from '../formats/workout-file.js';
import type { StravaDetailedActivity, StravaStreamSet, StravaSummaryActivity } from './schemas.js';
import { sportFromStrava } from './sport-table.js';
import { syncTagFromExternalId } from './sync-tag.js';

export type WorkoutMapping =
  { ok: true; workout: Workout; warnings: readonly string[] } | { ok: false; message: string };

const toIso = (ms: number): string => new Date(ms).toISOString();
const present = (n: number | null | undefined): n is number =>
  n !== null && n !== undefined && Number.isFinite(n);

/**
 * One Strava activity (summary or detail, plus optional streams) → a canonical workout.
 * Time comes from `start_date` (UTC) and `utc_offset` (seconds). `start_date_local` is local
 * wall-clock time despite its `Z`: it is never read as an instant, only, when `utc_offset` is
 * missing (older and some device-uploaded activities), subtracted from `start_date` to give the
 * offset. Stream samples without a position or time are left out and counted in `warnings`.
 */
export function stravaActivityToWorkout(
  activity: StravaSummaryActivity | StravaDetailedActivity,
  streams: StravaStreamSet | null,
): WorkoutMapping {
  const startMs = Date.parse(activity.start_date);
  const endMs = startMs + activity.elapsed_time * 1000;
  const syncTag = syncTagFromExternalId(activity.external_id);
  const laps = 'laps' in activity && Array.isArray(activity.laps) ? activity.laps.map(mapLap) : [];
  const read = streams === null ? undefined : trackFromStreams(streams, startMs);
  const track = read?.points;
  const averageHr = activity.average_heartrate;
  const maximumHr = activity.max_heartrate;
  const candidate: z.input<typeof workout> = {
    type: 'workout',
    provenance: {
      provider: 'strava',
      externalId: activity.id,
      ...(activity.device_name ? { device: { model: activity.device_name.slice(0, 100) } } : {}),
      ...(syncTag === undefined ? {} : { syncTag }),
      // Strava's API policy: its data may never train a model (facts.terms.excludeFromTraining).
      excludeFromTraining: true,
    },
    sport: sportFromStrava(activity.sport_type ?? activity.type, activity.trainer === true),
    ...(activity.name ? { name: activity.name.slice(0, 255) } : {}),
    startTime: toIso(startMs),
    endTime: toIso(endMs),
    utcOffsetMinutes: utcOffsetMinutesOf(activity, startMs),
    ...(present(activity.moving_time) ? { movingTime: { value: activity.moving_time, unit: 's' } } : {}),
    ...(present(activity.distance) ? { distance: { value: activity.distance, unit: 'm' } } : {}),
    ...(present(activity.calories) && activity.calories > 0
      ? { energy: { value: activity.calories, unit: 'kcal' } }
      : {}),
    ...(present(averageHr) && present(maximumHr)
      ? {
          heartRate: {
            average: { value: averageHr, unit: '/min' },
            maximum: { value: maximumHr, unit: '/min' },
          },
        }
      : {}),
    laps,
    ...(track === undefined || track.length === 0 ? {} : { track }),
  };
  const parsed = workout.safeParse(candidate);
  if (parsed.success)
    return { ok: true, workout: parsed.data, warnings: read === undefined ? [] : skippedWarnings(read) };
  const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { ok: false, message: `activity failed validation at ${fields.join(', ')}` };
}

function mapLap(lap: NonNullable<StravaDetailedActivity['laps']>[number]): Lap {
  const startMs = Date.parse(lap.start_date);
  return {
    startTime: toIso(startMs),
    endTime: toIso(startMs + lap.elapsed_time * 1000),
    ...(present(lap.distance) ? { distance: { value: lap.distance, unit: 'm' as const } } : {}),
    ...(present(lap.average_heartrate)
      ? { averageHeartRate: { value: lap.average_heartrate, unit: '/min' as const } }
      : {}),
  };
}

/** `utc_offset` in seconds, or, without it, local wall clock − UTC start; 0 when neither is there. */
function utcOffsetMinutesOf(activity: StravaSummaryActivity, startMs: number): number {
  if (present(activity.utc_offset)) return Math.round(activity.utc_offset / 60);
  const local = activity.start_date_local;
  if (typeof local !== 'string') return 0;
  // The wall-clock digits, read as if they were UTC, whatever zone suffix Strava put on them.
  const wallClockMs = Date.parse(`${local.replace(/(?:Z|[+-]\d{2}:?\d{2})$/i, '')}Z`);
  const minutes = Math.round((wallClockMs - startMs) / 60_000);
  return Number.isFinite(minutes) && Math.abs(minutes) <= 14 * 60 ? minutes : 0;
}

export interface StreamTrack {
  readonly points: TrackPoint[];
  /** Samples left out: no usable `latlng` (null, malformed, off the globe) or no `time`. */
  readonly skipped: { readonly position: number; readonly time: number };
}

/** Zips the parallel streams into track points; samples without a position or time are counted and left out. */
export function trackFromStreams(streams: StravaStreamSet, startMs: number): StreamTrack {
  const times = streams.time?.data ?? [];
  const positions = streams.latlng?.data ?? [];
  const altitudes = streams.altitude?.data ?? [];
  const heartRates = streams.heartrate?.data ?? [];
  const points: TrackPoint[] = [];
  const skipped = { position: 0, time: 0 };
  for (let i = 0; i < Math.min(times.length, positions.length); i += 1) {
    const position = latLngOf(positions[i]);
    const offset = times[i];
    if (position === undefined) {
      skipped.position += 1;
      continue;
    }
    if (!present(offset)) {
      skipped.time += 1;
      continue;
    }
    const [lat, lon] = position;
    const altitude = altitudes[i];
    const bpm = heartRates[i];
    const roundedBpm = present(bpm) ? Math.round(bpm) : undefined;
    points.push({
      time: toIso(startMs + offset * 1000),
      lat,
      lon,
      ...(present(altitude) ? { altitudeM: altitude } : {}),
      ...(roundedBpm !== undefined && roundedBpm >= 20 && roundedBpm <= 260
        ? { heartRateBpm: roundedBpm }
        : {}),
    });
  }
  return { points, skipped };
}

function latLngOf(sample: unknown): [number, number] | undefined {
  if (!Array.isArray(sample) || sample.length !== 2) return undefined;
  const [lat, lon] = sample as unknown[];
  if (typeof lat !== 'number' || typeof lon !== 'number') return undefined;
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lat, lon] : undefined;
}

function skippedWarnings({ skipped }: StreamTrack): string[] {
  return [
    ...(skipped.position > 0
      ? [`${counted(skipped.position, 'stream sample')} without a position skipped`]
      : []),
    ...(skipped.time > 0 ? [`${counted(skipped.time, 'stream sample')} without a time skipped`] : []),
  ];
}
