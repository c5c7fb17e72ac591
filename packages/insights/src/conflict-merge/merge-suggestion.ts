import type { RecordOf } from '@syncwell/core';
import type { MergeableType } from './conflict-pair.js';
import type { MergeField } from './merge-fields.js';

/**
 * Where a field of the suggested record comes from: one side, or both joined (only a workout's
 * `track`: the two recordings' segments joined where one of them lost the fix).
 */
export type FieldOrigin = 'source' | 'destination' | 'merged';

export interface FieldChoice<F extends string = string> {
  readonly field: F;
  readonly from: FieldOrigin;
  /**
   * The model's probability that this origin holds the true value, 0–1 (at least 1/2 with two
   * options, 1/3 for a track). 1 when the sides agree.
   */
  readonly confidence: number;
  /** Both sides hold the same value within the field's tolerance: the choice does not matter. */
  readonly agreed: boolean;
}

/**
 * The suggested resolution of a conflict, field by field. JSON-serialisable, and free of anything
 * but the two records' own values, so the app can show it beside both versions.
 *
 * @example
 * const s = suggestMerge(pair, model);
 * s.fields.find((f) => f.field === 'endTime'); // { field: 'endTime', from: 'destination', confidence: 0.97, agreed: false }
 * s.verdict; // 'merged': some fields from each side, so neither record alone is right
 */
export interface MergeSuggestion<T extends MergeableType = MergeableType> {
  readonly dataType: T;
  /** One choice per field of MERGE_FIELDS[dataType], in that order. */
  readonly fields: readonly FieldChoice<MergeField<T>>[];
  /**
   * The record the choices make. Its provenance is the side most fields come from (without a
   * SyncWell write tag); it carries `excludeFromTraining` when either side did, since it holds
   * their values.
   */
  readonly merged: RecordOf<T>;
  /** `source` / `destination` when every field where the sides differ comes from that side. */
  readonly verdict: 'source' | 'destination' | 'merged';
  /** The lowest confidence among the fields where the sides differ; 1 when they differ nowhere. */
  readonly confidence: number;
  /** The model that made it (ConflictMergeModel.version). */
  readonly modelVersion: string;
}
