import type { MergeableRecord, MergeableType } from '../conflict-pair.js';
import { joinTracks } from '../track/track-merge.js';

/**
 * A record carrying the merged value of `field` (only a workout's track can be merged: the two
 * recordings joined), so that it can be compared like any side's record.
 */
export function mergedFieldRecord(
  dataType: MergeableType,
  field: string,
  source: MergeableRecord,
  destination: MergeableRecord,
): MergeableRecord {
  if (
    dataType !== 'workout' ||
    field !== 'track' ||
    source.type !== 'workout' ||
    destination.type !== 'workout'
  ) {
    throw new TypeError(`${dataType}.${field} cannot be merged`);
  }
  if (source.track === undefined || destination.track === undefined) {
    const track = source.track ?? destination.track;
    return track === undefined ? source : { ...source, track };
  }
  return { ...source, track: joinTracks(source.track, destination.track) };
}
