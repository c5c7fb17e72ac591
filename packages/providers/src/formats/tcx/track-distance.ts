/**
 * Great-circle geometry for files that carry positions but no odometer (GPX) or need a
 * cumulative distance per point (TCX). Kept free of the FIT SDK so the XML codecs do not
 * load it; same sphere as fit-units.ts so FIT, TCX and GPX agree on a track's length.
 */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export function haversineMetres(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Cumulative distance at each point, starting at 0; the gap before a new segment adds nothing. */
export function cumulativeMetres(
  points: readonly (LatLon & { readonly newSegment?: true | undefined })[],
): number[] {
  const out: number[] = [];
  let total = 0;
  points.forEach((p, i) => {
    const previous = points[i - 1];
    total += previous === undefined || p.newSegment === true ? 0 : haversineMetres(previous, p);
    out.push(total);
  });
  return out;
}
