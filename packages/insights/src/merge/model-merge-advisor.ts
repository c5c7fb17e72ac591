import {
  MERGEABLE_TYPES,
  type MergeableType,
  type ConflictPair as ModelPair,
} from '../conflict-merge/conflict-pair.js';
import type { FieldOrigin as ModelOrigin } from '../conflict-merge/merge-suggestion.js';
import type { ConflictMergeModel } from '../conflict-merge/model/model-format.js';
import { suggestMerge } from '../conflict-merge/suggest-merge.js';
import {
  type ConflictPair,
  type FieldOrigin,
  type MergeAdvisor,
  type MergeSuggestion,
} from './merge-advisor.js';
import { ruleBasedMergeAdvisor } from './rule-based-merge-advisor.js';
import { sideMeta } from './side-meta.js';

const ORIGIN: Readonly<Record<ModelOrigin, FieldOrigin>> = {
  source: 'source',
  destination: 'destination',
  merged: 'merge',
};

function isMergeable(type: string): type is MergeableType {
  return (MERGEABLE_TYPES as readonly string[]).includes(type);
}

/**
 * The port's pair as the model reads it: both records with their metadata (sideMeta), or null
 * when the model does not cover the type (heart-rate, HRV and SpO2 days are not merged field by
 * field) or a record is not of the pair's type.
 */
export function toModelPair(pair: ConflictPair): ModelPair | null {
  const { dataType, source, destination } = pair;
  if (!isMergeable(dataType) || source.type !== dataType || destination.type !== dataType) return null;
  return {
    dataType,
    source: { record: source, meta: sideMeta(source) },
    destination: { record: destination, meta: sideMeta(destination) },
  } as ModelPair;
}

/**
 * The MergeAdvisor port over the trained conflict-merge model (docs/conflict-merge.md): types the
 * model covers are answered by it (`advisor` is the model's version), the others by `fallback`
 * (the rules). `preferred` is the side every contested field comes from; fields from both sides,
 * or a joined track, make it `merge` (the user decides), and the confidence is the model's
 * weakest contested field.
 *
 * @example
 *   const advisor = modelMergeAdvisor(await readConflictMergeModel());
 *   advisor.suggest({ dataType: 'workout', source, destination }).advisor; // '1.0.0/20261202/d939c7f44cf2'
 */
export function modelMergeAdvisor(
  model: ConflictMergeModel,
  fallback: MergeAdvisor = ruleBasedMergeAdvisor,
): MergeAdvisor {
  return {
    name: model.version,
    suggest(pair: ConflictPair): MergeSuggestion {
      const modelPair = toModelPair(pair);
      if (modelPair === null) return fallback.suggest(pair);
      const suggestion = suggestMerge(modelPair, model);
      const fields: Record<string, FieldOrigin> = {};
      for (const choice of suggestion.fields) fields[choice.field] = ORIGIN[choice.from];
      return {
        fields,
        // Neither record alone is right: a sync cannot act on one side, the user decides.
        preferred: suggestion.verdict === 'merged' ? 'merge' : suggestion.verdict,
        confidence: suggestion.confidence,
        advisor: model.version,
      };
    },
  };
}
