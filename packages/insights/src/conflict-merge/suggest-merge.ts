import { ValidationError, type RecordOf } from '@syncwell/core';
import type { ConflictPair, MergeableRecord, MergeableType } from './conflict-pair.js';
import { pairFeatures } from './features/pair-features.js';
import { sidesAgree } from './field-agreement.js';
import { MERGE_FIELDS, type MergeField } from './merge-fields.js';
import type { FieldChoice, FieldOrigin, MergeSuggestion } from './merge-suggestion.js';
import { assembleMerged } from './merge/assemble-merged.js';
import { keepConsistent } from './merge/consistency.js';
import { predictProbabilities, type PackedTrees } from './model/boosted-trees.js';
import { ConflictModelError, type ConflictMergeModel } from './model/model-format.js';
import { nudgeMissingMarker } from './model/missing-marker.js';

const forwardOut = new Float64Array(3);
const backwardOut = new Float64Array(3);

/**
 * P(source), P(destination), P(merged) for one field, scored with the source first and again
 * with the destination first, then averaged: the answer is the same whichever platform is the
 * rule's source.
 */
function originProbabilities(
  model: PackedTrees,
  forward: Float32Array,
  backward: Float32Array,
): [number, number, number] {
  predictProbabilities(model, forward, forwardOut);
  predictProbabilities(model, backward, backwardOut);
  if (model.classes === 2) {
    // Class 1: the first side holds the true value.
    const source = ((forwardOut[1] as number) + (backwardOut[0] as number)) / 2;
    return [source, 1 - source, 0];
  }
  return [
    ((forwardOut[0] as number) + (backwardOut[1] as number)) / 2,
    ((forwardOut[1] as number) + (backwardOut[0] as number)) / 2,
    ((forwardOut[2] as number) + (backwardOut[2] as number)) / 2,
  ];
}

function choose(p: readonly [number, number, number]): { from: FieldOrigin; confidence: number } {
  if (p[2] > p[0] && p[2] > p[1]) return { from: 'merged', confidence: p[2] };
  return p[0] >= p[1] ? { from: 'source', confidence: p[0] } : { from: 'destination', confidence: p[1] };
}

/**
 * Suggests how to resolve a conflict, field by field, with the conflict-merge model. Pure and
 * synchronous (well under a millisecond); no network, no Node API.
 *
 * @example
 * const model = await readConflictMergeModel();
 * const suggestion = suggestMerge({ dataType: 'sleep', source, destination }, model);
 * if (suggestion.verdict === 'destination' && suggestion.confidence > 0.9) keepDestination();
 */
export function suggestMerge<T extends MergeableType>(
  pair: ConflictPair & { readonly dataType: T },
  model: ConflictMergeModel,
): MergeSuggestion<T> {
  const { dataType } = pair;
  if (pair.source.record.type !== dataType || pair.destination.record.type !== dataType) {
    throw new ValidationError('both sides of a conflict must be records of its dataType', { dataType });
  }
  const features = pairFeatures(pair);
  // The trees compare in float32 (as the library did in training).
  const forward = Float32Array.from(nudgeMissingMarker(features.forward));
  const backward = Float32Array.from(nudgeMissingMarker(features.backward));
  const source: MergeableRecord = pair.source.record;
  const destination: MergeableRecord = pair.destination.record;
  const fieldModels = model.types[dataType].fields;
  const choices: FieldChoice[] = (MERGE_FIELDS[dataType] as readonly string[]).map((field) => {
    const agreed = sidesAgree(dataType, field, source, destination);
    const fieldModel = fieldModels[field];
    if (fieldModel === undefined)
      throw new ConflictModelError(`the model has no classifier for ${dataType}.${field}`);
    const p = originProbabilities(fieldModel, forward, backward);
    if (agreed) return { field, from: p[0] >= p[1] ? 'source' : 'destination', confidence: 1, agreed };
    return { field, ...choose(p), agreed };
  });
  keepConsistent(choices, source, destination);
  const contested = choices.filter((c) => !c.agreed);
  const verdict = contested.every((c) => c.from === 'source')
    ? contested.length === 0
      ? 'destination'
      : 'source'
    : contested.every((c) => c.from === 'destination')
      ? 'destination'
      : 'merged';
  return {
    dataType,
    fields: choices as FieldChoice<MergeField<T>>[],
    merged: assembleMerged(pair, choices) as RecordOf<T>,
    verdict,
    confidence: contested.reduce((min, c) => Math.min(min, c.confidence), 1),
    modelVersion: model.version,
  };
}
