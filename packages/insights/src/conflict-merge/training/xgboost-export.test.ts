import { describe, expect, it } from 'vitest';
import { packTrees, predictProbabilities } from '../model/boosted-trees.js';
import { createRandom } from '../generator/random.js';
import { nudgeMissingMarker } from '../model/missing-marker.js';
import { treesWithLibraryPredictions, type BoosterParams } from './xgboost-trainer.js';

const PARAMS: BoosterParams = {
  rounds: 15,
  maxDepth: 4,
  eta: 0.3,
  subsample: 0.8,
  colsampleByTree: 1,
  minChildWeight: 1,
  lambda: 1,
  seed: 7,
};

/** Rows with missing values, zeros, negatives and a real -1 (the library's missing marker). */
function dataset(classes: number) {
  const random = createRandom(42);
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 600; i++) {
    const x = Float64Array.from({ length: 5 }, () => random.uniform(-2, 2));
    if (random.chance(0.2)) x[0] = Number.NaN;
    if (random.chance(0.2)) x[1] = 0;
    if (random.chance(0.1)) x[2] = -1;
    const score =
      (Number.isNaN(x[0]!) ? 0.5 : x[0]!) + 0.5 * x[1]! - (x[2] === -1 ? 1 : 0) + random.normal(0, 0.3);
    rows.push(x);
    labels.push(classes === 2 ? (score > 0 ? 1 : 0) : score < -0.5 ? 0 : score < 0.5 ? 1 : 2);
  }
  return { rows, labels };
}

describe('trees read out of ml-xgboost', () => {
  it.each([2, 3])(
    'predict what the library predicts (%i classes), missing values and -1 included',
    async (classes) => {
      const { rows, labels } = dataset(classes);
      const { trees, predictions } = await treesWithLibraryPredictions(rows, labels, classes, PARAMS, rows);
      expect(trees.classes).toBe(classes);
      expect(trees.trees.length).toBe(PARAMS.rounds * (classes === 2 ? 1 : classes));
      const packed = packTrees(trees);
      const out = new Float64Array(classes);
      let worst = 0;
      for (let i = 0; i < rows.length; i++) {
        predictProbabilities(packed, Float32Array.from(nudgeMissingMarker(Float64Array.from(rows[i]!))), out);
        for (let k = 0; k < classes; k++) worst = Math.max(worst, Math.abs(out[k]! - predictions[i]![k]!));
      }
      // The library computes in float32.
      expect(worst).toBeLessThan(1e-5);
    },
  );
});
