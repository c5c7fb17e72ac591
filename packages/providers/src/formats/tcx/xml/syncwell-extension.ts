/**
 * Namespace of SyncWell's own extension element. TCX (`Activity/Extensions`) and GPX
 * (`trk/extensions`) both allow foreign-namespace elements there, and every reader we know
 * ignores ones it does not understand, so this is where facts the formats have no field for
 * travel: the wearer's UTC offset (both), and for GPX the workout's start and end, which may lie
 * outside the first and last track point. A URN, because SyncWell has no fixed domain.
 */
export const SYNCWELL_EXTENSION_NS = 'urn:syncwell:xmlschemas:WorkoutExtension:v1';
export const SYNCWELL_EXTENSION_PREFIX = 'sw';
export const SYNCWELL_EXTENSION_ELEMENT = 'WorkoutExtension';

/** A UTC offset read from the extension, or `undefined` unless it is a whole number in range. */
export function offsetFromExtension(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d{1,4}$/.test(text)) return undefined;
  const minutes = Number(text);
  return Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
}
