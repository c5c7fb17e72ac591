import type { StravaActivityRecord, StravaLapRecord, StravaSample } from './strava-activity-model.js';
import { encodePolyline } from './polyline-encoder.js';
import { legacyActivityType } from './strava-sport-types.js';
import { stravaIso, stravaLocalIso, stravaTimezoneLabel } from './strava-timezone.js';

type Json = Record<string, unknown>;

const SUMMARY_POLYLINE_POINTS = 200;

function gpsPoints(samples: readonly StravaSample[]): [number, number][] {
  return samples.flatMap((s) =>
    s.lat === undefined || s.lng === undefined ? [] : [[s.lat, s.lng] as [number, number]],
  );
}

function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)] as T);
}

function heartRateSummary(samples: readonly StravaSample[]): Json {
  const rates = samples.flatMap((s) => (s.heartrate === undefined ? [] : [s.heartrate]));
  if (rates.length === 0) return { has_heartrate: false };
  const average = rates.reduce((sum, r) => sum + r, 0) / rates.length;
  return {
    has_heartrate: true,
    average_heartrate: Math.round(average * 10) / 10,
    max_heartrate: Math.max(...rates),
  };
}

function elevationGain(samples: readonly StravaSample[]): number {
  let gain = 0;
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]?.altitude;
    const cur = samples[i]?.altitude;
    if (prev !== undefined && cur !== undefined && cur > prev) gain += cur - prev;
  }
  return Math.round(gain * 10) / 10;
}

function maxSpeed(a: StravaActivityRecord): number {
  let max = 0;
  for (let i = 1; i < a.samples.length; i++) {
    const prev = a.samples[i - 1];
    const cur = a.samples[i];
    if (prev === undefined || cur === undefined || cur.offsetS <= prev.offsetS) continue;
    max = Math.max(max, (cur.distance - prev.distance) / (cur.offsetS - prev.offsetS));
  }
  return Math.round((max || (a.movingTime > 0 ? a.distance / a.movingTime : 0)) * 1000) / 1000;
}

/** `SummaryActivity`, as listed by `GET /athlete/activities`. */
export function summaryActivityJson(a: StravaActivityRecord): Json {
  const gps = gpsPoints(a.samples);
  return {
    resource_state: 2,
    athlete: { id: a.athleteId, resource_state: 1 },
    name: a.name,
    distance: Math.round(a.distance * 10) / 10,
    moving_time: a.movingTime,
    elapsed_time: a.elapsedTime,
    total_elevation_gain: elevationGain(a.samples),
    type: legacyActivityType(a.sportType),
    sport_type: a.sportType,
    workout_type: null,
    id: a.id,
    start_date: stravaIso(a.startDateMs),
    start_date_local: stravaLocalIso(a.startDateMs, a.utcOffsetMinutes),
    timezone: stravaTimezoneLabel(a.utcOffsetMinutes),
    utc_offset: a.utcOffsetMinutes * 60,
    location_city: null,
    location_state: null,
    location_country: null,
    achievement_count: 0,
    kudos_count: 0,
    comment_count: 0,
    athlete_count: 1,
    photo_count: 0,
    map: {
      id: `a${a.id}`,
      summary_polyline: encodePolyline(thin(gps, SUMMARY_POLYLINE_POINTS)),
      resource_state: 2,
    },
    trainer: a.trainer,
    commute: a.commute,
    manual: a.manual,
    private: a.private,
    visibility: a.private ? 'only_me' : 'everyone',
    flagged: false,
    gear_id: null,
    start_latlng: gps[0] ?? [],
    end_latlng: gps.at(-1) ?? [],
    average_speed: a.movingTime > 0 ? Math.round((a.distance / a.movingTime) * 1000) / 1000 : 0,
    max_speed: maxSpeed(a),
    ...heartRateSummary(a.samples),
    device_name: a.deviceName,
    external_id: a.externalId,
    upload_id: a.uploadId,
    upload_id_str: a.uploadId === null ? null : String(a.uploadId),
    has_kudoed: false,
  };
}

function lapsJson(a: StravaActivityRecord): Json[] {
  const whole: StravaLapRecord = { startOffsetS: 0, elapsedTime: a.elapsedTime, distance: a.distance };
  const laps = a.laps.length > 0 ? a.laps : [whole];
  return laps.map((lap, index) => ({
    id: a.id * 100 + index,
    resource_state: 2,
    name: `Lap ${index + 1}`,
    activity: { id: a.id, resource_state: 1 },
    athlete: { id: a.athleteId, resource_state: 1 },
    elapsed_time: lap.elapsedTime,
    moving_time: lap.elapsedTime,
    start_date: stravaIso(a.startDateMs + lap.startOffsetS * 1000),
    start_date_local: stravaLocalIso(a.startDateMs + lap.startOffsetS * 1000, a.utcOffsetMinutes),
    distance: lap.distance,
    average_speed: lap.elapsedTime > 0 ? Math.round((lap.distance / lap.elapsedTime) * 1000) / 1000 : 0,
    lap_index: index + 1,
    split: index + 1,
    ...(lap.averageHeartrate === undefined ? {} : { average_heartrate: lap.averageHeartrate }),
  }));
}

/** `DetailedActivity`: the summary plus description, calories, laps and the full polyline. */
export function detailedActivityJson(a: StravaActivityRecord): Json {
  const summary = summaryActivityJson(a);
  const gps = gpsPoints(a.samples);
  return {
    ...summary,
    resource_state: 3,
    description: a.description,
    calories: a.calories,
    map: { ...(summary.map as Json), polyline: encodePolyline(gps), resource_state: 3 },
    laps: lapsJson(a),
    splits_metric: [],
    segment_efforts: [],
    best_efforts: [],
    photos: { primary: null, count: 0 },
    gear: null,
    embed_token: null,
  };
}
