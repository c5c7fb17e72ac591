/**
 * `@syncwell/insights/conflict-merge/testing`: the labelled-conflict generator and the evaluation, for tests and
 * benchmarks elsewhere in the repository (never needed at run time).
 */
export {
  generateConflict,
  generateConflicts,
  type GeneratorOptions,
  type LabelledConflict,
} from './generator/generate-conflicts.js';
export { GENERATOR_VERSION, failureModeCatalogue } from './generator/failure-modes.js';
export { heldOutConflicts, isHeldOut } from './evaluation/held-out.js';
export {
  evaluate,
  decisiveAgreement,
  bestDeterministic,
  MODEL_STRATEGY,
  type Evaluation,
} from './evaluation/evaluate.js';
export { pairFeatures } from './features/pair-features.js';
export { fieldTruths, type FieldTruth } from './field-truth.js';
export { readModelCardSync } from './model-file.js';
export type { ModelCard } from './training/model-card.js';
export { predictProbabilities } from './model/boosted-trees.js';
