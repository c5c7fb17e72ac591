/**
 * Gradient-boosted trees in flat arrays, evaluated without the library that trained them: the
 * inference path needs no WebAssembly, no Node API and no allocation per call.
 *
 * Node `i` is a leaf when `feature[i] < 0`, worth `value[i]`; otherwise the walk goes left when
 * `x[feature[i]] < value[i]` (compared in float32, as XGBoost does), right otherwise, and to the
 * `defaultLeft` side when the feature is missing (NaN).
 */
export interface FlatTree {
  readonly feature: Int32Array;
  readonly value: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly defaultLeft: Uint8Array;
}

/**
 * A classifier: with two classes one margin (class 1's log-odds, `treeClass` all 0); with more,
 * one margin per class (softmax), each tree adding to `treeClass[t]`.
 */
export interface BoostedTrees {
  readonly classes: number;
  readonly baseScore: number;
  readonly trees: readonly FlatTree[];
  readonly treeClass: Int32Array;
}

function leafValue(tree: FlatTree, x: Float64Array): number {
  let i = 0;
  while (tree.feature[i]! >= 0) {
    const v = x[tree.feature[i]!]!;
    if (Number.isNaN(v)) i = tree.defaultLeft[i] === 1 ? tree.left[i]! : tree.right[i]!;
    else i = Math.fround(v) < tree.value[i]! ? tree.left[i]! : tree.right[i]!;
  }
  return tree.value[i]!;
}

/**
 * Class probabilities for one feature vector, written into `out` (length `classes`). With two
 * classes `out[1]` is the positive class.
 */
export function predictProbabilities(model: BoostedTrees, x: Float64Array, out: Float64Array): void {
  if (model.classes === 2) {
    let margin = model.baseScore;
    for (const tree of model.trees) margin += leafValue(tree, x);
    out[1] = 1 / (1 + Math.exp(-margin));
    out[0] = 1 - out[1];
    return;
  }
  out.fill(model.baseScore, 0, model.classes);
  for (let t = 0; t < model.trees.length; t++) out[model.treeClass[t]!]! += leafValue(model.trees[t]!, x);
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < model.classes; k++) max = Math.max(max, out[k]!);
  let sum = 0;
  for (let k = 0; k < model.classes; k++) {
    out[k] = Math.exp(out[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < model.classes; k++) out[k]! /= sum;
}
