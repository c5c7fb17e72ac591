import type { BoostedTrees, FlatTree } from '../model/boosted-trees.js';

/**
 * Reads the trees out of a model saved by ml-xgboost (XGBoost 0.7x's binary format): learner
 * parameters (136 bytes), objective and booster names, the gbtree parameters (160 bytes), then per
 * tree its parameters (148 bytes), its nodes (parent, left, right, split index with the
 * default-left bit on top, split value or leaf value: 20 bytes) and node statistics (16 bytes),
 * and finally which class each tree adds to. A test checks the result predicts what the library does.
 */
export function readXgboostBinary(bytes: Uint8Array): BoostedTrees & { objective: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const f32 = () => {
    const v = view.getFloat32(at, true);
    at += 4;
    return v;
  };
  const i32 = () => {
    const v = view.getInt32(at, true);
    at += 4;
    return v;
  };
  const u32 = () => {
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  const text = () => {
    const length = Number(view.getBigUint64(at, true));
    at += 8;
    const s = new TextDecoder().decode(bytes.subarray(at, at + length));
    at += length;
    return s;
  };

  const baseScore = f32();
  at += 4 + 4 + 4 + 4 + 29 * 4; // num_feature, num_class, extra attributes, eval metrics, reserved
  const objective = text();
  const booster = text();
  if (booster !== 'gbtree') throw new TypeError(`unsupported booster ${booster}`);
  const numTrees = i32();
  at += 4 + 4 + 4 + 8; // num_roots, num_feature, padding, num_pbuffer
  const outputGroups = i32();
  const leafVectorSize = i32();
  at += 32 * 4;
  if (leafVectorSize !== 0) throw new TypeError('leaf vectors are not supported');

  const trees: FlatTree[] = [];
  for (let t = 0; t < numTrees; t++) {
    at += 4; // num_roots
    const nodes = i32();
    at += 4 + 4 + 4; // num_deleted, max_depth, num_feature
    if (i32() !== 0) throw new TypeError('leaf vectors are not supported');
    at += 31 * 4;
    const tree: FlatTree = {
      feature: new Int32Array(nodes),
      value: new Float64Array(nodes),
      left: new Int32Array(nodes),
      right: new Int32Array(nodes),
      defaultLeft: new Uint8Array(nodes),
    };
    for (let n = 0; n < nodes; n++) {
      at += 4; // parent
      const left = i32();
      const right = i32();
      const splitIndex = u32();
      const value = f32();
      tree.left[n] = left;
      tree.right[n] = right;
      tree.value[n] = value;
      tree.feature[n] = left === -1 ? -1 : splitIndex & 0x7fffffff;
      tree.defaultLeft[n] = splitIndex >>> 31;
    }
    at += nodes * 16; // loss change, hessian sum, base weight, leaf count
    trees.push(tree);
  }
  const treeClass = new Int32Array(numTrees);
  for (let t = 0; t < numTrees; t++) treeClass[t] = i32();
  return { objective, classes: outputGroups === 1 ? 2 : outputGroups, baseScore, trees, treeClass };
}
