/** Mean Earth radius in metres (the value haversine users conventionally take). */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Great-circle distance in metres. */
export function haversineMetres(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Moves a point by metres north and east. A flat-earth step, accurate to well under 0.1 % over
 * the few tens of kilometres a workout covers away from the poles.
 */
export function offsetMetres(origin: LatLon, northM: number, eastM: number): LatLon {
  return {
    lat: origin.lat + northM / (EARTH_RADIUS_M * RAD),
    lon: origin.lon + eastM / (EARTH_RADIUS_M * RAD * Math.cos(origin.lat * RAD)),
  };
}

/** Summed length of a polyline, in metres. */
export function pathLengthMetres(points: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const here = points[i];
    if (prev !== undefined && here !== undefined) total += haversineMetres(prev, here);
  }
  return total;
}
