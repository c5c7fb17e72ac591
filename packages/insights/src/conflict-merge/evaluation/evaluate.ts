import type { MergeableRecord } from '../conflict-pair.js';
import { fieldMatches } from '../field-agreement.js';
import { atStake, fieldTruths, type FieldTruth } from '../field-truth.js';
import type { LabelledConflict } from '../generator/generate-conflicts.js';
import type { ConflictMergeModel } from '../model/model-format.js';
import { suggestMerge } from '../suggest-merge.js';
import { DETERMINISTIC_STRATEGIES } from './deterministic-strategies.js';

/** Right answers over fields counted, for the three scopes a score can cover. */
export interface Tally {
  /** Fields where the sides differ and some option holds the truth: where a choice decides. */
  decisive: { right: number; total: number };
  /** Fields where the sides are not both right, including those no option gets right. */
  atStake: { right: number; total: number };
  /** Every field of every conflict. */
  all: { right: number; total: number };
}

export interface Evaluation {
  readonly conflicts: number;
  readonly strategies: readonly string[];
  /** strategy → group ('all', a type, a mode, a type.field) → tally. */
  readonly tallies: Map<string, Map<string, Tally>>;
  /** Inference time of each suggestion, ms. */
  readonly suggestionMs: number[];
}

export const MODEL_STRATEGY = 'conflict-merge model';

function emptyTally(): Tally {
  return { decisive: { right: 0, total: 0 }, atStake: { right: 0, total: 0 }, all: { right: 0, total: 0 } };
}

function add(tally: Tally, truth: FieldTruth, right: boolean): void {
  const r = right ? 1 : 0;
  tally.all.total++;
  tally.all.right += r;
  if (!atStake(truth)) return;
  tally.atStake.total++;
  tally.atStake.right += r;
  if (truth.label === 'none') return;
  tally.decisive.total++;
  tally.decisive.right += r;
}

/**
 * Scores the model and every deterministic strategy on the same conflicts, field by field,
 * against the truth (FIELD_TOLERANCES decide what counts as the same value).
 */
export function evaluate(
  conflicts: Iterable<LabelledConflict>,
  model: ConflictMergeModel,
  options: {
    /** Drop every side's metadata first: how the model does on records alone. */
    readonly withholdMetadata?: boolean;
    readonly clock?: () => number;
  } = {},
): Evaluation {
  const clock = options.clock ?? (() => performance.now());
  const names = [MODEL_STRATEGY, ...DETERMINISTIC_STRATEGIES.map((s) => s.name)];
  const tallies = new Map<string, Map<string, Tally>>(names.map((name) => [name, new Map()]));
  const suggestionMs: number[] = [];
  let count = 0;
  for (const original of conflicts) {
    const conflict = options.withholdMetadata === true ? withoutMetadata(original) : original;
    count++;
    const truths = fieldTruths(conflict);
    const started = clock();
    const suggestion = suggestMerge(conflict.pair, model);
    suggestionMs.push(clock() - started);
    const merged: MergeableRecord = suggestion.merged;
    const scored: [string, readonly boolean[]][] = [
      [
        MODEL_STRATEGY,
        truths.map((t) => fieldMatches(conflict.pair.dataType, t.field, merged, conflict.truth)),
      ],
      ...DETERMINISTIC_STRATEGIES.map((s): [string, readonly boolean[]] => [
        s.name,
        s.score(conflict.pair, truths),
      ]),
    ];
    for (const [name, scores] of scored) {
      const groups = tallies.get(name) ?? new Map<string, Tally>();
      tallies.set(name, groups);
      truths.forEach((truth, i) => {
        for (const group of [
          'all',
          conflict.pair.dataType,
          conflict.mode,
          `${conflict.pair.dataType}.${truth.field}`,
        ]) {
          let tally = groups.get(group);
          if (tally === undefined) groups.set(group, (tally = emptyTally()));
          add(tally, truth, scores[i] === true);
        }
      });
    }
  }
  return { conflicts: count, strategies: names, tallies, suggestionMs };
}

function withoutMetadata(conflict: LabelledConflict): LabelledConflict {
  const pair = {
    ...conflict.pair,
    source: { ...conflict.pair.source, meta: {} },
    destination: { ...conflict.pair.destination, meta: {} },
  } as LabelledConflict['pair'];
  return { ...conflict, pair };
}

/** A strategy's tally for a group; empty when nothing was counted there. */
export function tallyOf(evaluation: Evaluation, strategy: string, group: string): Tally {
  return evaluation.tallies.get(strategy)?.get(group) ?? emptyTally();
}

/** right / total, NaN when nothing was counted. */
export function rate(part: { right: number; total: number }): number {
  return part.total === 0 ? Number.NaN : part.right / part.total;
}

/** The primary score: agreement with the truth on decisive fields, over all conflicts. */
export function decisiveAgreement(evaluation: Evaluation, strategy: string, group = 'all'): number {
  const tally = evaluation.tallies.get(strategy)?.get(group);
  return tally === undefined ? Number.NaN : rate(tally.decisive);
}

/** The best deterministic strategy's name and score. */
export function bestDeterministic(evaluation: Evaluation, group = 'all'): { name: string; score: number } {
  let best = { name: '', score: Number.NEGATIVE_INFINITY };
  for (const name of evaluation.strategies) {
    if (name === MODEL_STRATEGY) continue;
    const score = decisiveAgreement(evaluation, name, group);
    if (score > best.score) best = { name, score };
  }
  return best;
}
