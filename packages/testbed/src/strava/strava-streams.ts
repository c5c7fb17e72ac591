import type { StravaActivityRecord, StravaSample } from './strava-activity-model.js';

export const STRAVA_STREAM_KEYS = [
  'time',
  'latlng',
  'distance',
  'altitude',
  'velocity_smooth',
  'heartrate',
  'cadence',
  'watts',
  'temp',
  'moving',
  'grade_smooth',
] as const;
export type StravaStreamKey = (typeof STRAVA_STREAM_KEYS)[number];

interface StravaStream {
  readonly data: unknown[];
  readonly series_type: 'distance';
  readonly original_size: number;
  readonly resolution: 'high';
}

function column(samples: readonly StravaSample[], key: StravaStreamKey): unknown[] | null {
  const pick = (f: (s: StravaSample) => unknown): unknown[] | null => {
    const values = samples.map(f);
    return values.length > 0 && values.every((v) => v !== undefined) ? values : null;
  };
  switch (key) {
    case 'time':
      return pick((s) => s.offsetS);
    case 'distance':
      return pick((s) => Math.round(s.distance * 10) / 10);
    case 'latlng':
      return pick((s) => (s.lat === undefined || s.lng === undefined ? undefined : [s.lat, s.lng]));
    case 'altitude':
      return pick((s) => s.altitude);
    case 'heartrate':
      return pick((s) => s.heartrate);
    case 'moving':
      return pick(() => true);
    default:
      // Not recorded by the simulator: Strava simply leaves absent streams out.
      return null;
  }
}

/**
 * The StreamSet for `GET /activities/{id}/streams`. Strava always adds the `distance` series
 * (the series type) to whatever was asked for, and omits streams the activity has no data for.
 */
export function streamSet(
  activity: StravaActivityRecord,
  requested: readonly string[],
  keyByType: boolean,
): Record<string, StravaStream> | (StravaStream & { type: string })[] {
  const keys = new Set<StravaStreamKey>(
    requested.filter((k): k is StravaStreamKey => (STRAVA_STREAM_KEYS as readonly string[]).includes(k)),
  );
  keys.add('distance');
  const streams: [StravaStreamKey, StravaStream][] = [];
  for (const key of STRAVA_STREAM_KEYS) {
    if (!keys.has(key)) continue;
    const data = column(activity.samples, key);
    if (data === null) continue;
    streams.push([key, { data, series_type: 'distance', original_size: data.length, resolution: 'high' }]);
  }
  return keyByType ? Object.fromEntries(streams) : streams.map(([type, stream]) => ({ type, ...stream }));
}
