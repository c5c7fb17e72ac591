import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConflictModelError, loadConflictMergeModel, type ConflictMergeModel } from './model/model-format.js';
import type { ModelCard } from './training/model-card.js';

/** Where the versioned model, its card and the evaluation report live in the repository. */
export function conflictModelPaths() {
  return {
    model: fileURLToPath(new URL('./model/conflict-merge-model.json', import.meta.url)),
    card: fileURLToPath(new URL('./model/model-card.json', import.meta.url)),
    cardMarkdown: fileURLToPath(new URL('./model/MODEL_CARD.md', import.meta.url)),
    report: fileURLToPath(new URL('../../../../docs/conflict-merge-evaluation.md', import.meta.url)),
  };
}

function parse(text: string, path: string): ConflictMergeModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConflictModelError('the conflict-merge model file is not JSON', { path }, { cause });
  }
  return loadConflictMergeModel(json);
}

/**
 * Reads the conflict-merge model shipped in the repository (or another file): at start-up, from
 * disk, no network. Node only; `loadConflictMergeModel` takes parsed JSON anywhere else.
 */
export async function readConflictMergeModel(path = conflictModelPaths().model): Promise<ConflictMergeModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConflictModelError('the conflict-merge model file cannot be read', { path }, { cause });
  }
  return parse(text, path);
}

/** The same, synchronously (scripts and tests). */
export function readConflictMergeModelSync(path = conflictModelPaths().model): ConflictMergeModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConflictModelError('the conflict-merge model file cannot be read', { path }, { cause });
  }
  return parse(text, path);
}

/** The shipped model's card (what it was trained on, its held-out metrics). */
export function readModelCardSync(): ModelCard {
  return JSON.parse(readFileSync(conflictModelPaths().card, 'utf8')) as ModelCard;
}
