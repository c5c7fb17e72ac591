/**
 * Where the synthetic people live and travel. Real coordinates and zones, including the ones
 * whose clocks sit far from solar time (Madrid, Reykjavik, Singapore), so that a feature reading
 * the zone from a track's longitude meets the same irregularities as on real data.
 */
export interface Place {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** Standard offset in minutes. */
  readonly offset: number;
  /** Daylight-saving rule: northern (late March–late October), southern (October–early April), none. */
  readonly dst: 'north' | 'south' | 'none';
}

export const PLACES: readonly Place[] = [
  { name: 'Berlin', lat: 52.52, lon: 13.4, offset: 60, dst: 'north' },
  { name: 'London', lat: 51.51, lon: -0.13, offset: 0, dst: 'north' },
  { name: 'Madrid', lat: 40.42, lon: -3.7, offset: 60, dst: 'north' },
  { name: 'Lisbon', lat: 38.72, lon: -9.14, offset: 0, dst: 'north' },
  { name: 'Helsinki', lat: 60.17, lon: 24.94, offset: 120, dst: 'north' },
  { name: 'New York', lat: 40.71, lon: -74.0, offset: -300, dst: 'north' },
  { name: 'Denver', lat: 39.74, lon: -104.99, offset: -420, dst: 'north' },
  { name: 'San Francisco', lat: 37.77, lon: -122.42, offset: -480, dst: 'north' },
  { name: 'São Paulo', lat: -23.55, lon: -46.63, offset: -180, dst: 'none' },
  { name: 'Reykjavik', lat: 64.15, lon: -21.94, offset: 0, dst: 'none' },
  { name: 'Cape Town', lat: -33.92, lon: 18.42, offset: 120, dst: 'none' },
  { name: 'Mumbai', lat: 19.08, lon: 72.88, offset: 330, dst: 'none' },
  { name: 'Singapore', lat: 1.35, lon: 103.82, offset: 480, dst: 'none' },
  { name: 'Tokyo', lat: 35.68, lon: 139.69, offset: 540, dst: 'none' },
  { name: 'Sydney', lat: -33.87, lon: 151.21, offset: 600, dst: 'south' },
  { name: 'Auckland', lat: -36.85, lon: 174.76, offset: 720, dst: 'south' },
];

/** The place's offset on a day (month 1–12), with a month-granular daylight-saving rule. */
export function offsetOn(place: Place, month: number): number {
  if (place.dst === 'north' && month >= 4 && month <= 10) return place.offset + 60;
  if (place.dst === 'south' && (month >= 10 || month <= 3)) return place.offset + 60;
  return place.offset;
}
