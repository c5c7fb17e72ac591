import { createRequire } from 'node:module';
import type { XGBoostClass, XGBoostModel } from 'ml-xgboost';
import type { BoostedTrees } from '../model/boosted-trees.js';
import { libraryValue } from '../model/missing-marker.js';
import { readXgboostBinary } from './xgboost-binary-reader.js';

/**
 * Loaded through `require`: the package's `module` entry (which Vite-based tools pick) loads the
 * WebAssembly with a bare `require` that only works from its CommonJS build.
 */
const xgboostReady = createRequire(import.meta.url)('ml-xgboost') as Promise<XGBoostClass>;

export interface BoosterParams {
  readonly rounds: number;
  readonly maxDepth: number;
  readonly eta: number;
  readonly subsample: number;
  readonly colsampleByTree: number;
  readonly minChildWeight: number;
  readonly lambda: number;
  readonly seed: number;
}

/** Trains a booster on rows (labels 0..classes-1), hands it to `use`, and frees its memory. */
async function withTrainedBooster<T>(
  rows: readonly Float64Array[],
  labels: readonly number[],
  classes: number,
  params: BoosterParams,
  use: (booster: XGBoostModel) => T,
): Promise<T> {
  const XGBoost = await xgboostReady;
  const booster = new XGBoost({
    booster: 'gbtree',
    objective: classes === 2 ? 'binary:logistic' : 'multi:softprob',
    ...(classes === 2 ? {} : { num_class: classes }),
    tree_method: 'hist',
    max_bin: 128,
    max_depth: params.maxDepth,
    eta: params.eta,
    subsample: params.subsample,
    colsample_bytree: params.colsampleByTree,
    min_child_weight: params.minChildWeight,
    lambda: params.lambda,
    seed: params.seed,
    silent: 1,
    iterations: params.rounds,
  });
  try {
    booster.train(
      rows.map((r) => Array.from(r, libraryValue)),
      [...labels],
    );
    return use(booster);
  } finally {
    booster.free();
  }
}

function treesOf(booster: XGBoostModel): BoostedTrees {
  const model = readXgboostBinary(Uint8Array.from(booster.toJSON().model, (b) => b & 0xff));
  return {
    classes: model.classes,
    baseScore: model.baseScore,
    trees: model.trees,
    treeClass: model.treeClass,
  };
}

/** Trains one classifier and returns its trees in our format. */
export function trainBoostedTrees(
  rows: readonly Float64Array[],
  labels: readonly number[],
  classes: number,
  params: BoosterParams,
): Promise<BoostedTrees> {
  return withTrainedBooster(rows, labels, classes, params, treesOf);
}

/** The trees and the library's own predictions for `queries`: the test that checks our reading. */
export function treesWithLibraryPredictions(
  rows: readonly Float64Array[],
  labels: readonly number[],
  classes: number,
  params: BoosterParams,
  queries: readonly Float64Array[],
): Promise<{ trees: BoostedTrees; predictions: number[][] }> {
  return withTrainedBooster(rows, labels, classes, params, (booster) => {
    const raw = booster.predict(queries.map((r) => Array.from(r, libraryValue)));
    const predictions = raw.map((p) => (typeof p === 'number' ? [1 - p, p] : p));
    return { trees: treesOf(booster), predictions };
  });
}
