import { instantMs } from '@syncwell/core';
import type { ConflictSideMeta, DeviceKind } from '../conflict-pair.js';

const HOUR_MS = 3_600_000;

/** Device kinds as numbers a tree can split on; NaN when unknown. */
const DEVICE_CODE: Readonly<Record<DeviceKind, number>> = {
  watch: 1,
  band: 2,
  ring: 3,
  chest_strap: 4,
  bike_computer: 5,
  scale: 6,
  other: 7,
  phone: 8,
};

/** The features every type shares: how the side was made and when it was last touched. */
export const META_FEATURES = [
  'manual',
  'device',
  'modifiedAfterEndH',
  'offsetConsistent',
  'offsetZero',
] as const;

/**
 * `endMs`: the instant the record's content was complete (a workout's or night's end, the
 * local day's end, a weigh-in's time); a last modification long after it means finalised data.
 */
export function metaFeatures(meta: ConflictSideMeta, endMs: number, utcOffsetMinutes: number): number[] {
  const modified = meta.lastModified === undefined ? Number.NaN : instantMs(meta.lastModified);
  return [
    meta.entry === undefined ? Number.NaN : meta.entry === 'manual' ? 1 : 0,
    meta.deviceKind === undefined ? Number.NaN : DEVICE_CODE[meta.deviceKind],
    Number.isNaN(modified) ? Number.NaN : Math.max(-48, Math.min(96, (modified - endMs) / HOUR_MS)),
    meta.offsetConsistent === undefined ? Number.NaN : meta.offsetConsistent ? 1 : 0,
    utcOffsetMinutes === 0 ? 1 : 0,
  ];
}

/** Local hour of day (0–24) of an instant with an offset. */
export function localHour(ms: number, offsetMinutes: number): number {
  const local = ms + offsetMinutes * 60_000;
  return (((local % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS;
}

/**
 * How far the instants are from one side being the other's wall-clock time read as UTC: the
 * start difference minus the offset difference, in minutes (0 when exactly that happened).
 */
export function localAsUtcResidualMin(
  aStartMs: number,
  bStartMs: number,
  aOffset: number,
  bOffset: number,
): number {
  if (aOffset === bOffset) return Number.NaN;
  return Math.min(600, Math.abs((aStartMs - bStartMs) / 60_000 - (bOffset - aOffset)));
}
