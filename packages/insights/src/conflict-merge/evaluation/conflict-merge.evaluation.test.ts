import { describe, expect, it } from 'vitest';
import { failureModeCatalogue } from '../generator/failure-modes.js';
import { readConflictMergeModelSync, readModelCardSync } from '../model-file.js';
import { bestDeterministic, decisiveAgreement, evaluate, MODEL_STRATEGY } from './evaluate.js';
import { heldOutConflicts } from './held-out.js';
import { scoreLines } from './report.js';

/** Sized for CI: the committed report (docs/conflict-merge-evaluation.md) covers 4,000. */
const HELD_OUT = 400;

describe('conflict-merge model on held-out conflicts', () => {
  it('agrees with the truth on ≥ 95 % of decisive fields, ≥ 10 points above every deterministic strategy', () => {
    const card = readModelCardSync();
    const model = readConflictMergeModelSync();
    const evaluation = evaluate(
      heldOutConflicts({ seed: card.generator.seed, epoch: card.generator.epoch }, HELD_OUT),
      model,
    );
    const lines = scoreLines(evaluation);
    for (const mode of failureModeCatalogue()) {
      lines.push(
        `  ${mode.id.padEnd(34)} model ${(100 * decisiveAgreement(evaluation, MODEL_STRATEGY, mode.id)).toFixed(1)} %`,
      );
    }
    console.log(lines.join('\n'));

    const score = decisiveAgreement(evaluation, MODEL_STRATEGY);
    const best = bestDeterministic(evaluation);
    expect(evaluation.conflicts).toBe(HELD_OUT);
    expect(score).toBeGreaterThanOrEqual(0.95);
    expect(score - best.score).toBeGreaterThanOrEqual(0.1);
  }, 180_000);
});
