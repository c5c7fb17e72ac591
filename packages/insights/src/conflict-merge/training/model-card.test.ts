import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { MERGEABLE_TYPES } from '../conflict-pair.js';
import { trainingConflicts } from '../evaluation/held-out.js';
import { featureNames } from '../features/pair-features.js';
import { GENERATOR_VERSION } from '../generator/failure-modes.js';
import { conflictModelPaths, readConflictMergeModelSync, readModelCardSync } from '../model-file.js';
import { renderModelCard } from './model-card.js';
import { hashTrainingSet, sha256 } from './training-data-hash.js';
import { buildTrainingSet } from './training-set.js';

describe('the shipped model and its card', () => {
  const paths = conflictModelPaths();
  const card = readModelCardSync();

  it('agree: the model file is the one the card describes', () => {
    expect(sha256(readFileSync(paths.model))).toBe(card.modelSha256);
    expect(readConflictMergeModelSync().version).toBe(card.version);
  });

  // The fingerprint covers the first training conflicts' features and labels: it catches a changed
  // feature and nearly every generator change, but a tweak that alters none of those conflicts slips
  // through; bump GENERATOR_VERSION on every generator change.
  it('were trained on this generator and these features (retrain after changing either)', () => {
    expect(card.generator.version).toBe(GENERATOR_VERSION);
    for (const type of MERGEABLE_TYPES) expect(card.features[type]).toEqual(featureNames(type));
    const generator = { seed: card.generator.seed, epoch: card.generator.epoch };
    const fingerprint = buildTrainingSet(trainingConflicts(generator, card.fingerprint.conflicts));
    expect(hashTrainingSet(fingerprint)).toBe(card.fingerprint.hash);
  });

  it('MODEL_CARD.md is the card rendered', async () => {
    const options = await resolveConfig(paths.cardMarkdown);
    const rendered = await format(renderModelCard(card), { ...options, parser: 'markdown' });
    expect(readFileSync(paths.cardMarkdown, 'utf8')).toBe(rendered);
  });
});
