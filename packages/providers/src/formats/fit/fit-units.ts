import { Utils } from '@garmin/fitsdk';

/** Degrees ↔ FIT semicircles (2^31 semicircles = 180°). */
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

export function degreesToSemicircles(degrees: number): number {
  return Math.round(degrees * SEMICIRCLES_PER_DEGREE);
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
