import type { MergeableRecord, MergeableType } from './conflict-pair.js';
import { fieldMatches } from './field-agreement.js';
import type { LabelledConflict } from './generator/generate-conflicts.js';
import { canJoin, MERGE_FIELDS } from './merge-fields.js';
import { mergedFieldRecord } from './merge/merged-value.js';

/**
 * Which options give a field's true value. `either`: both sides do (the choice does not matter);
 * `none`: no option does (counted as a miss for every strategy).
 */
export type FieldLabel = 'source' | 'destination' | 'merged' | 'either' | 'none';

export interface FieldTruth {
  readonly field: string;
  readonly sourceOk: boolean;
  readonly destinationOk: boolean;
  readonly mergedOk: boolean;
  readonly label: FieldLabel;
}

/** A field is at stake when the two sides are not both right: only there does a choice matter. */
export function atStake(truth: FieldTruth): boolean {
  return truth.label !== 'either';
}

export function fieldTruths(conflict: LabelledConflict): FieldTruth[] {
  const { pair, truth } = conflict;
  const dataType: MergeableType = pair.dataType;
  const source: MergeableRecord = pair.source.record;
  const destination: MergeableRecord = pair.destination.record;
  return (MERGE_FIELDS[dataType] as readonly string[]).map((field) => {
    const sourceOk = fieldMatches(dataType, field, source, truth);
    const destinationOk = fieldMatches(dataType, field, destination, truth);
    const mergedOk =
      canJoin(dataType, field) && !(sourceOk && destinationOk)
        ? fieldMatches(dataType, field, mergedFieldRecord(dataType, field, source, destination), truth)
        : false;
    const label: FieldLabel =
      sourceOk && destinationOk
        ? 'either'
        : sourceOk
          ? 'source'
          : destinationOk
            ? 'destination'
            : mergedOk
              ? 'merged'
              : 'none';
    return { field, sourceOk, destinationOk, mergedOk, label };
  });
}
