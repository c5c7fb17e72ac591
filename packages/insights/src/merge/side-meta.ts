import type { CanonicalRecord, ProviderId } from '@syncwell/core';
import type { ConflictSideMeta, DeviceKind } from '../conflict-merge/conflict-pair.js';

/**
 * What recorded a side, read from the device name the provider mapped into the record's
 * provenance (Polar's product, Strava's `device_name`, Health Connect's `Device.model`), first
 * match wins. Names are matched as words, case-insensitively.
 */
const DEVICE_NAME_KINDS: readonly (readonly [RegExp, DeviceKind])[] = [
  [/\b(iphone|android|pixel|galaxy s|phone|app)\b/i, 'phone'],
  [/\b(ring|oura)\b/i, 'ring'],
  [/\b(edge|elemnt|bolt|roam|karoo|bike computer)\b/i, 'bike_computer'],
  [/\b(h10|h9|h7|hrm|strap|tickr)\b/i, 'chest_strap'],
  [/\b(scale|body\+?|body cardio|index)\b/i, 'scale'],
  [/\b(whoop|band|charge|inspire|mi band|loop)\b/i, 'band'],
  [
    /\b(watch|forerunner|fenix|fēnix|epix|venu|vivoactive|instinct|enduro|vantage|grit|ignite|pacer|unite|sense|versa|apex|coros)\b/i,
    'watch',
  ],
];

/**
 * A platform's usual recorder when the record names no device: each platform's own hardware is
 * of one kind (a Polar or Garmin recording comes from a watch unless named otherwise, Oura is a
 * ring, Whoop a band, a Withings weigh-in a scale). Platforms that aggregate other devices
 * (Strava, Apple Health, Health Connect, Google Health) have no usual recorder.
 */
function usualRecorder(provider: ProviderId, record: CanonicalRecord): DeviceKind | undefined {
  switch (provider) {
    case 'oura':
      return 'ring';
    case 'whoop':
      return 'band';
    case 'withings':
      return record.type === 'body_measurement' ? 'scale' : undefined;
    case 'polar':
    case 'garmin':
      return 'watch';
    default:
      return undefined;
  }
}

function deviceKind(record: CanonicalRecord): DeviceKind | undefined {
  const device = record.provenance.device;
  const name = [device?.manufacturer, device?.model].filter(Boolean).join(' ');
  for (const [pattern, kind] of DEVICE_NAME_KINDS) if (pattern.test(name)) return kind;
  return usualRecorder(record.provenance.provider, record);
}

/**
 * Manual or device-recorded, where a record shows it. A workout with a GPS track or heart rate
 * was measured; one with neither and no device model named was typed in (Strava and Garmin map
 * a manual activity without a device name or streams). Elsewhere a named device means measured,
 * and nothing is claimed otherwise: the model falls back on the values' own plausibility
 * (rounding, stage detail) when a fact is missing, as it was trained to.
 */
function entry(record: CanonicalRecord): ConflictSideMeta['entry'] {
  const named = record.provenance.device?.model !== undefined;
  if (record.type === 'workout') {
    if ((record.track?.length ?? 0) > 0 || record.heartRate !== undefined) return 'device';
    return named ? 'device' : 'manual';
  }
  return record.provenance.device === undefined ? undefined : 'device';
}

/**
 * The model's metadata for one side of a conflict, from what the port's pair carries: the
 * record and its provenance (provider, device). Facts no record holds (last-modified times, the
 * zone the platform reports) stay unknown; completeness of a workout with a track (coverage,
 * pauses, heart-rate coverage) is read from the track by the model itself.
 *
 * @example
 *   sideMeta(polarRun); // { entry: 'device', deviceKind: 'watch' }
 */
export function sideMeta(record: CanonicalRecord): ConflictSideMeta {
  const kind = deviceKind(record);
  const how = entry(record);
  return {
    ...(how === undefined ? {} : { entry: how }),
    ...(kind === undefined ? {} : { deviceKind: kind }),
  };
}
