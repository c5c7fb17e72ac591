import { SyncWellError } from '@syncwell/core';
import { z } from 'zod';
import { MERGEABLE_TYPES, type MergeableType } from '../conflict-pair.js';
import { featureNames } from '../features/pair-features.js';
import { MERGE_FIELDS } from '../merge-fields.js';
import { packTrees, type BoostedTrees, type FlatTree, type PackedTrees } from './boosted-trees.js';

/** Identifies the file layout below; a loader refuses any other. */
export const MODEL_FORMAT = 'syncwell.conflict-merge.v1';

const treeJson = z.strictObject({
  /** Split feature per node, -1 for a leaf. */
  f: z.array(z.number().int().min(-1)),
  /** Split threshold, or the leaf's value. */
  v: z.array(z.number()),
  l: z.array(z.number().int().min(-1)),
  r: z.array(z.number().int().min(-1)),
  /** 1 when a missing feature goes left. */
  d: z.array(z.union([z.literal(0), z.literal(1)])),
});

const fieldModelJson = z.strictObject({
  classes: z.number().int().min(2).max(3),
  baseScore: z.number(),
  /** Per tree, the class whose margin it adds to (multi-class only). */
  treeClass: z.array(z.number().int().min(0)).optional(),
  trees: z.array(treeJson),
});

const typeModelJson = z.strictObject({
  features: z.array(z.string()),
  fields: z.record(z.string(), fieldModelJson),
});

export const conflictMergeModelJson = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  version: z.string().min(1),
  generatorVersion: z.string().min(1),
  types: z.strictObject({
    workout: typeModelJson,
    daily_activity: typeModelJson,
    sleep: typeModelJson,
    body_measurement: typeModelJson,
  }),
});
export type ConflictMergeModelJson = z.infer<typeof conflictMergeModelJson>;
export type FieldModelJson = z.infer<typeof fieldModelJson>;

/** The loaded model: one classifier per type and field, over the type's feature vector. */
export interface ConflictMergeModel {
  /** `<generator version>/<seed>/<training-data hash prefix>`: names the model in suggestions. */
  readonly version: string;
  readonly types: {
    readonly [T in MergeableType]: { readonly fields: Readonly<Record<string, PackedTrees>> };
  };
}

/** The model file is missing, malformed or built for other features than this code computes. */
export class ConflictModelError extends SyncWellError {
  constructor(message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super('SW_INSIGHTS_MODEL_INVALID', message, details, options);
  }
}

function toFlatTree(tree: z.infer<typeof treeJson>): FlatTree {
  const n = tree.f.length;
  if (tree.v.length !== n || tree.l.length !== n || tree.r.length !== n || tree.d.length !== n) {
    throw new ConflictModelError('a tree has arrays of different lengths');
  }
  for (let i = 0; i < n; i++) {
    const leaf = (tree.f[i] as number) < 0;
    const childrenOk =
      leaf ||
      ((tree.l[i] as number) > i &&
        (tree.l[i] as number) < n &&
        (tree.r[i] as number) > i &&
        (tree.r[i] as number) < n);
    if (!childrenOk) throw new ConflictModelError('a tree node points outside its tree');
  }
  return {
    feature: Int32Array.from(tree.f),
    value: Float64Array.from(tree.v),
    left: Int32Array.from(tree.l),
    right: Int32Array.from(tree.r),
    defaultLeft: Uint8Array.from(tree.d),
  };
}

/**
 * Validates a parsed model file and prepares it for inference (flat typed arrays). Refuses a
 * model whose feature list differs from what this code computes: it was trained on other inputs.
 */
export function loadConflictMergeModel(json: unknown): ConflictMergeModel {
  const parsed = conflictMergeModelJson.safeParse(json);
  if (!parsed.success) {
    throw new ConflictModelError('the conflict-merge model file is malformed', {
      issues: parsed.error.issues.length,
    });
  }
  const types = {} as Record<MergeableType, { fields: Record<string, PackedTrees> }>;
  for (const dataType of MERGEABLE_TYPES) {
    const typeModel = parsed.data.types[dataType];
    const expected = featureNames(dataType);
    if (typeModel.features.join('\n') !== expected.join('\n')) {
      throw new ConflictModelError(
        `the model was trained on other ${dataType} features than this code computes`,
      );
    }
    const fields: Record<string, PackedTrees> = {};
    for (const field of MERGE_FIELDS[dataType] as readonly string[]) {
      const fieldModel = typeModel.fields[field];
      if (fieldModel === undefined)
        throw new ConflictModelError(`the model has no classifier for ${dataType}.${field}`);
      for (const tree of fieldModel.trees) {
        if (tree.f.some((f) => f >= expected.length))
          throw new ConflictModelError('a tree reads a feature that does not exist');
      }
      const treeClass = fieldModel.treeClass ?? fieldModel.trees.map(() => 0);
      if (treeClass.length !== fieldModel.trees.length || treeClass.some((k) => k >= fieldModel.classes)) {
        throw new ConflictModelError(`${dataType}.${field}: tree classes do not fit`);
      }
      fields[field] = packTrees({
        classes: fieldModel.classes,
        baseScore: fieldModel.baseScore,
        trees: fieldModel.trees.map(toFlatTree),
        treeClass: Int32Array.from(treeClass),
      });
    }
    types[dataType] = { fields };
  }
  return { version: parsed.data.version, types };
}

/** The shortest decimal that reads back as the same float32: keeps the file small and exact. */
export function float32Text(value: number): number {
  const f = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

/** A trained classifier in the file's layout. */
export function fieldModelToJson(model: BoostedTrees): FieldModelJson {
  return {
    classes: model.classes,
    baseScore: float32Text(model.baseScore),
    ...(model.classes > 2 ? { treeClass: Array.from(model.treeClass) } : {}),
    trees: model.trees.map((t) => ({
      f: Array.from(t.feature),
      v: Array.from(t.value, float32Text),
      l: Array.from(t.left),
      r: Array.from(t.right),
      d: Array.from(t.defaultLeft, (b) => (b === 1 ? 1 : 0)),
    })),
  };
}
