/** One recorded sample of an activity, as Strava keeps it for its streams. */
export interface StravaSample {
  /** Seconds since the start. */
  readonly offsetS: number;
  readonly lat?: number;
  readonly lng?: number;
  readonly altitude?: number;
  readonly heartrate?: number;
  /** Cumulative metres. */
  readonly distance: number;
}

export interface StravaLapRecord {
  readonly startOffsetS: number;
  readonly elapsedTime: number;
  readonly distance: number;
  readonly averageHeartrate?: number;
}

/** What the simulator stores per activity; the JSON shapes are derived from it. */
export interface StravaActivityRecord {
  readonly id: number;
  readonly athleteId: number;
  name: string;
  description: string | null;
  sportType: string;
  readonly startDateMs: number;
  readonly utcOffsetMinutes: number;
  readonly elapsedTime: number;
  readonly movingTime: number;
  readonly distance: number;
  readonly calories: number;
  readonly manual: boolean;
  trainer: boolean;
  commute: boolean;
  private: boolean;
  readonly deviceName: string | null;
  readonly externalId: string | null;
  readonly uploadId: number | null;
  readonly samples: readonly StravaSample[];
  readonly laps: readonly StravaLapRecord[];
}

export type NewStravaActivity = Omit<StravaActivityRecord, 'id'>;

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}
