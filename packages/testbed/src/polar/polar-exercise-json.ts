import type { SportType, Workout } from '@syncwell/core';
import { workoutElapsedSeconds } from '@syncwell/core';

/** What the simulator keeps per exercise. */
export interface StoredExercise {
  readonly id: string;
  readonly athleteId: number;
  readonly workout: Workout;
  readonly uploadTime: string;
  readonly device: string;
}

// Polar's `sport` and `detailed_sport_info` names for the canonical sports the testbed produces.
const POLAR_SPORTS: Readonly<Record<SportType, readonly [string, string]>> = {
  running: ['RUNNING', 'RUNNING'],
  trail_running: ['RUNNING', 'TRAIL_RUNNING'],
  treadmill_running: ['RUNNING', 'TREADMILL_RUNNING'],
  walking: ['WALKING', 'WALKING'],
  hiking: ['HIKING', 'HIKING'],
  cycling: ['CYCLING', 'ROAD_BIKING'],
  mountain_biking: ['CYCLING', 'MOUNTAIN_BIKING'],
  indoor_cycling: ['CYCLING', 'INDOOR_CYCLING'],
  swimming: ['SWIMMING', 'POOL_SWIMMING'],
  open_water_swimming: ['SWIMMING', 'OPEN_WATER_SWIMMING'],
  rowing: ['ROWING', 'ROWING'],
  cross_country_skiing: ['CROSS-COUNTRY_SKIING', 'CROSS-COUNTRY_SKIING'],
  strength_training: ['STRENGTH_TRAINING', 'STRENGTH_TRAINING'],
  yoga: ['YOGA', 'YOGA'],
  // Polar lists each sport of a multisport session as its own exercise; a whole one has no name.
  multisport: ['OTHER', 'OTHER_OUTDOOR'],
  other: ['OTHER', 'OTHER_OUTDOOR'],
};

/** Seconds → ISO-8601 duration as Polar writes it: "PT1H2M3S", "PT45M", "PT0S". */
export function isoDuration(totalSeconds: number): string {
  const whole = Math.round(totalSeconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const parts = `${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}${s > 0 ? `${s}S` : ''}`;
  return `PT${parts === '' ? '0S' : parts}`;
}

/** The device-local wall-clock start, no zone: Polar's `start_time` quirk. */
export function localStartTime(workout: Workout): string {
  const local = new Date(Date.parse(workout.startTime) + workout.utcOffsetMinutes * 60_000);
  return local.toISOString().slice(0, 19);
}

/** `GET /v3/exercises[/{id}]` body for one exercise; route and samples only when asked for. */
export function exerciseJson(
  exercise: StoredExercise,
  apiUrl: string,
  include: { readonly route?: boolean; readonly samples?: boolean } = {},
): Record<string, unknown> {
  const w = exercise.workout;
  const [sport, detailed] = POLAR_SPORTS[w.sport];
  const track = w.track ?? [];
  return {
    id: exercise.id,
    upload_time: exercise.uploadTime,
    polar_user: `${apiUrl}/v3/users/${exercise.athleteId}`,
    device: exercise.device,
    start_time: localStartTime(w),
    start_time_utc_offset: w.utcOffsetMinutes,
    duration: isoDuration(workoutElapsedSeconds(w)),
    ...(w.energy === undefined ? {} : { calories: Math.round(w.energy.value) }),
    ...(w.distance === undefined ? {} : { distance: w.distance.value }),
    ...(w.heartRate === undefined
      ? {}
      : {
          heart_rate: {
            average: Math.round(w.heartRate.average.value),
            maximum: Math.round(w.heartRate.maximum.value),
          },
        }),
    sport,
    detailed_sport_info: detailed,
    has_route: track.length > 0,
    ...(include.samples === true && track.some((p) => p.heartRateBpm !== undefined)
      ? {
          samples: [
            // sample-type 0 is heart rate; the recording rate is the track's 5 s step ([U] for other rates).
            {
              'recording-rate': 5,
              'sample-type': '0',
              data: track.map((p) => p.heartRateBpm ?? 0).join(','),
            },
          ],
        }
      : {}),
    ...(include.route === true && track.length > 0
      ? {
          route: track.map((p) => ({
            latitude: p.lat,
            longitude: p.lon,
            time: p.time,
            satellites: 8,
            fix: 3,
          })),
        }
      : {}),
  };
}
