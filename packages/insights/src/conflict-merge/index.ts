/**
 * Conflict-merge suggestions (issue 13 §1): the contract other parts of SyncWell call. This entry
 * (`@syncwell/insights/conflict-merge`) imports nothing Node-only, so a phone or browser bundle can
 * use it with a model parsed from JSON; `@syncwell/insights` adds reading the model file from disk.
 *
 * @example
 * import { readConflictMergeModel, suggestMerge } from '@syncwell/insights';
 * const model = await readConflictMergeModel(); // once, at start-up
 * const suggestion = suggestMerge({ dataType: 'workout', source, destination }, model);
 */
export {
  DEVICE_KINDS,
  MERGEABLE_TYPES,
  SIDES,
  type ConflictPair,
  type ConflictSide,
  type ConflictSideMeta,
  type DeviceKind,
  type MergeableRecord,
  type MergeableType,
  type Side,
} from './conflict-pair.js';
export { MERGE_FIELDS, type MergeField } from './merge-fields.js';
export type { FieldChoice, FieldOrigin, MergeSuggestion } from './merge-suggestion.js';
export { suggestMerge } from './suggest-merge.js';
export { ConflictModelError, loadConflictMergeModel, type ConflictMergeModel } from './model/model-format.js';
export { FIELD_TOLERANCES, sidesAgree } from './field-agreement.js';
