/**
 * Gradient-boosted trees, evaluated without the library that trained them: the inference path
 * needs no WebAssembly, no Node API and no allocation per call.
 *
 * One tree in flat arrays: node `i` is a leaf when `feature[i] < 0`, worth `value[i]`; otherwise
 * the walk goes left when `x[feature[i]] < value[i]` (in float32, as XGBoost compares), right
 * otherwise, and to the `defaultLeft` side when the feature is missing (NaN).
 */
export interface FlatTree {
  readonly feature: Int32Array;
  readonly value: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly defaultLeft: Uint8Array;
}

/**
 * A classifier: with two classes one margin (class 1's log-odds); with more, one margin per class
 * (softmax), tree `t` adding to class `treeClass[t]`.
 */
export interface BoostedTrees {
  readonly classes: number;
  readonly baseScore: number;
  readonly trees: readonly FlatTree[];
  readonly treeClass: Int32Array;
}

/** The same trees packed end to end in five arrays (node indices made global): one walk touches little memory. */
export interface PackedTrees {
  readonly classes: number;
  readonly baseScore: number;
  readonly roots: Int32Array;
  readonly treeClass: Int32Array;
  readonly feature: Int32Array;
  readonly value: Float32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly defaultLeft: Uint8Array;
}

export function packTrees(model: BoostedTrees): PackedTrees {
  const total = model.trees.reduce((n, t) => n + t.feature.length, 0);
  const packed = {
    classes: model.classes,
    baseScore: model.baseScore,
    roots: new Int32Array(model.trees.length),
    treeClass: Int32Array.from(model.treeClass),
    feature: new Int32Array(total),
    value: new Float32Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    defaultLeft: new Uint8Array(total),
  };
  let offset = 0;
  model.trees.forEach((tree, t) => {
    packed.roots[t] = offset;
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = (tree.feature[i] as number) < 0;
      packed.feature[offset + i] = tree.feature[i] as number;
      packed.value[offset + i] = tree.value[i] as number;
      packed.left[offset + i] = leaf ? -1 : offset + (tree.left[i] as number);
      packed.right[offset + i] = leaf ? -1 : offset + (tree.right[i] as number);
      packed.defaultLeft[offset + i] = tree.defaultLeft[i] as number;
    }
    offset += tree.feature.length;
  });
  return packed;
}

function leafValue(m: PackedTrees, root: number, x: Float32Array): number {
  let i = root;
  let f = m.feature[i] as number;
  while (f >= 0) {
    const v = x[f] as number;
    // NaN fails every comparison: the missing branch is the only one that tests for it.
    if (v < (m.value[i] as number)) i = m.left[i] as number;
    else if (v >= (m.value[i] as number)) i = m.right[i] as number;
    else i = m.defaultLeft[i] === 1 ? (m.left[i] as number) : (m.right[i] as number);
    f = m.feature[i] as number;
  }
  return m.value[i] as number;
}

/**
 * Class probabilities for one feature vector (already float32, NaN for missing), written into
 * `out` (length ≥ classes). With two classes `out[1]` is the positive class.
 */
export function predictProbabilities(model: PackedTrees, x: Float32Array, out: Float64Array): void {
  const trees = model.roots.length;
  if (model.classes === 2) {
    let margin = model.baseScore;
    for (let t = 0; t < trees; t++) margin += leafValue(model, model.roots[t] as number, x);
    out[1] = 1 / (1 + Math.exp(-margin));
    out[0] = 1 - out[1];
    return;
  }
  out.fill(model.baseScore, 0, model.classes);
  for (let t = 0; t < trees; t++) {
    const k = model.treeClass[t] as number;
    out[k] = (out[k] as number) + leafValue(model, model.roots[t] as number, x);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < model.classes; k++) max = Math.max(max, out[k] as number);
  let sum = 0;
  for (let k = 0; k < model.classes; k++) {
    out[k] = Math.exp((out[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < model.classes; k++) (out[k] as number) /= sum;
}
