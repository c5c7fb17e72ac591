import { readConflictMergeModel } from '../conflict-merge/model-file.js';
import type { MergeAdvisor } from './merge-advisor.js';
import { modelMergeAdvisor } from './model-merge-advisor.js';

/**
 * The default MergeAdvisor of a process that runs the insights service: the shipped
 * conflict-merge model (a file read at start-up, no network) with the rules for the types it does
 * not cover. Throws SW_INSIGHTS_MODEL_INVALID when the file is missing or malformed.
 */
export async function readModelMergeAdvisor(path?: string): Promise<MergeAdvisor> {
  return modelMergeAdvisor(await readConflictMergeModel(path));
}
