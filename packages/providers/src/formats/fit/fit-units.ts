import { Utils } from '@garmin/fitsdk';

/** Degrees ↔ FIT semicircles (2^31 semicircles = 180°). */
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

/** sint32: +180° (2^31 semicircles) is one past the largest value and is stored as its neighbour. */
export function degreesToSemicircles(degrees: number): number {
  return Math.min(2 ** 31 - 1, Math.round(degrees * SEMICIRCLES_PER_DEGREE));
}

export function semicirclesToDegrees(semicircles: number): number {
  return semicircles / SEMICIRCLES_PER_DEGREE;
}

/**
 * ISO instant → whole seconds since the FIT epoch. FIT stores date_time as a uint32 of whole
 * seconds, so sub-second parts are dropped here, once, instead of by the encoder's rounding.
 */
export function isoToFitSeconds(iso: string): number {
  return Math.floor((Date.parse(iso) - Utils.FIT_EPOCH_MS) / 1000);
}

/** A decoded date_time (the SDK gives a Date) back to FIT seconds. */
export function dateToFitSeconds(date: Date): number {
  return Math.round((date.getTime() - Utils.FIT_EPOCH_MS) / 1000);
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle metres between two points; for the records' cumulative `distance` field. */
export function haversineMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
