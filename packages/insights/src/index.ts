export * from './conflict-merge/index.js';
export {
  conflictModelPaths,
  readConflictMergeModel,
  readConflictMergeModelSync,
} from './conflict-merge/model-file.js';
