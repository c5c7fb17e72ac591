import type { MergeableType } from '../conflict-pair.js';
import { pairFeatures } from '../features/pair-features.js';
import { fieldTruths } from '../field-truth.js';
import type { LabelledConflict } from '../generator/generate-conflicts.js';
import { canJoin } from '../merge-fields.js';

/**
 * Strava's API agreement forbids using its data to train a model (DESIGN §8). A conflict with a
 * Strava-sourced side (the mapping sets `excludeFromTraining`) never becomes a training example,
 * whatever the side's role.
 */
export function mayTrainOn(conflict: LabelledConflict): boolean {
  return (
    conflict.pair.source.record.provenance.excludeFromTraining !== true &&
    conflict.pair.destination.record.provenance.excludeFromTraining !== true
  );
}

/** One row: a pair's features in one order, and which option held the truth for one field. */
export interface TrainingExample {
  readonly conflictId: string;
  readonly mode: string;
  readonly x: Float64Array;
  /** 1 (two classes): the first side is right, 0: the second. Three classes (track): 0 first, 1 second, 2 merged. */
  readonly label: number;
}

export interface TrainingSet {
  /** Keyed `<dataType>.<field>`. */
  readonly examples: Map<string, TrainingExample[]>;
  readonly conflicts: number;
  /** Conflicts left out because a side may not be trained on. */
  readonly excluded: number;
}

/**
 * Rows for every field where exactly one option holds the truth, in both orders (source first,
 * then destination first) so that the classifiers learn no preference for a role. Fields both
 * sides get right teach nothing; fields no option gets right have no label.
 */
export function buildTrainingSet(conflicts: Iterable<LabelledConflict>): TrainingSet {
  const examples = new Map<string, TrainingExample[]>();
  let count = 0;
  let excluded = 0;
  for (const conflict of conflicts) {
    if (!mayTrainOn(conflict)) {
      excluded++;
      continue;
    }
    count++;
    const dataType: MergeableType = conflict.pair.dataType;
    let features: ReturnType<typeof pairFeatures> | undefined;
    for (const truth of fieldTruths(conflict)) {
      if (truth.label === 'either' || truth.label === 'none') continue;
      features ??= pairFeatures(conflict.pair);
      const key = `${dataType}.${truth.field}`;
      const rows = examples.get(key) ?? [];
      const joinable = canJoin(dataType, truth.field);
      const [forward, backward] = labelsFor(truth.label, joinable);
      rows.push({ conflictId: conflict.id, mode: conflict.mode, x: features.forward, label: forward });
      rows.push({ conflictId: conflict.id, mode: conflict.mode, x: features.backward, label: backward });
      examples.set(key, rows);
    }
  }
  return { examples, conflicts: count, excluded };
}

function labelsFor(label: 'source' | 'destination' | 'merged', joinable: boolean): [number, number] {
  if (joinable) return label === 'source' ? [0, 1] : label === 'destination' ? [1, 0] : [2, 2];
  return label === 'source' ? [1, 0] : [0, 1];
}
