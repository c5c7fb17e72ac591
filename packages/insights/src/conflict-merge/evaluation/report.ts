import { failureModeCatalogue } from '../generator/failure-modes.js';
import { MERGEABLE_TYPES } from '../conflict-pair.js';
import { MERGE_FIELDS } from '../merge-fields.js';
import {
  bestDeterministic,
  decisiveAgreement,
  MODEL_STRATEGY,
  rate,
  tallyOf,
  type Evaluation,
} from './evaluate.js';

function pct(x: number): string {
  return Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)} %`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

function label(strategy: string): string {
  return strategy === MODEL_STRATEGY ? '**model**' : strategy;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] as number;
}

/** One line per strategy, plus the goal verdict: what the evaluation test prints. */
export function scoreLines(evaluation: Evaluation): string[] {
  const model = decisiveAgreement(evaluation, MODEL_STRATEGY);
  const best = bestDeterministic(evaluation);
  return [
    `conflict-merge evaluation: ${evaluation.conflicts} held-out conflicts, ${tallyOf(evaluation, MODEL_STRATEGY, 'all').decisive.total} decisive fields`,
    ...evaluation.strategies.map((name) => {
      const t = tallyOf(evaluation, name, 'all');
      return `  ${name.padEnd(34)} decisive ${pct(rate(t.decisive)).padStart(7)}  at stake ${pct(rate(t.atStake)).padStart(7)}  all fields ${pct(rate(t.all)).padStart(7)}`;
    }),
    `  model − best deterministic (${best.name}): ${((model - best.score) * 100).toFixed(1)} points`,
  ];
}

/** The evaluation report (markdown), per failure mode, type and field, against every strategy. */
export function renderEvaluationReport(
  evaluation: Evaluation,
  preamble: string,
  withoutMetadata?: Evaluation,
): string {
  const strategies = evaluation.strategies;
  const short = strategies.map(label);
  const best = bestDeterministic(evaluation);
  const model = decisiveAgreement(evaluation, MODEL_STRATEGY);
  const overall = table(
    ['strategy', 'decisive fields', 'at stake (incl. unrecoverable)', 'all fields'],
    strategies.map((name) => {
      const t = tallyOf(evaluation, name, 'all');
      return [label(name), pct(rate(t.decisive)), pct(rate(t.atStake)), pct(rate(t.all))];
    }),
  );
  const modeRows = failureModeCatalogue().map((mode) => {
    const t = tallyOf(evaluation, MODEL_STRATEGY, mode.id);
    return [
      `\`${mode.id}\``,
      String(t.decisive.total),
      ...strategies.map((name) => pct(decisiveAgreement(evaluation, name, mode.id))),
    ];
  });
  const typeRows = MERGEABLE_TYPES.map((type) => [
    type,
    String(tallyOf(evaluation, MODEL_STRATEGY, type).decisive.total),
    ...strategies.map((name) => pct(decisiveAgreement(evaluation, name, type))),
  ]);
  const fieldRows = MERGEABLE_TYPES.flatMap((type) =>
    (MERGE_FIELDS[type] as readonly string[]).map((field) => {
      const group = `${type}.${field}`;
      const t = tallyOf(evaluation, MODEL_STRATEGY, group);
      return [
        `\`${group}\``,
        String(t.decisive.total),
        String(t.atStake.total - t.decisive.total),
        pct(decisiveAgreement(evaluation, MODEL_STRATEGY, group)),
        pct(decisiveAgreement(evaluation, best.name, group)),
      ];
    }),
  );
  return [
    '# Conflict-merge model: evaluation report',
    '',
    preamble,
    '',
    `**Result:** ${pct(model)} field-level agreement with the truth on decisive fields; the best deterministic strategy (${best.name}) reaches ${pct(best.score)}: ${((model - best.score) * 100).toFixed(1)} points more.`,
    '',
    'A field is *decisive* when the two sides differ (they are not both within tolerance of the truth) and at least one option holds the truth; *at stake* adds the fields no option gets right (every strategy misses them); *all fields* counts every field of every conflict.',
    '',
    '## Overall',
    '',
    overall,
    '',
    ...(withoutMetadata === undefined
      ? []
      : [
          '## Robustness: metadata withheld',
          '',
          `The same held-out conflicts with every side's metadata removed (no manual flag, device kind, last-modified time, offset consistency or heart-rate coverage): the model reads the records alone. Model ${pct(decisiveAgreement(withoutMetadata, MODEL_STRATEGY))}; best deterministic ${bestDeterministic(withoutMetadata).name} ${pct(bestDeterministic(withoutMetadata).score)}.`,
          '',
          table(
            ['mode', 'model, metadata withheld'],
            failureModeCatalogue().map((mode) => [
              `\`${mode.id}\``,
              pct(decisiveAgreement(withoutMetadata, MODEL_STRATEGY, mode.id)),
            ]),
          ),
          '',
        ]),
    '## Per failure mode (decisive fields)',
    '',
    table(['mode', 'fields', ...short], modeRows),
    '',
    '## Per record type (decisive fields)',
    '',
    table(['type', 'fields', ...short], typeRows),
    '',
    `## Per field (decisive fields; model vs ${best.name})`,
    '',
    table(['field', 'decisive', 'unrecoverable', 'model', best.name], fieldRows),
    '',
    `Inference: p50 ${percentile(evaluation.suggestionMs, 50).toFixed(3)} ms, p99 ${percentile(evaluation.suggestionMs, 99).toFixed(3)} ms per suggestion (this run, one thread, shared machine; \`npm run bench -- P8\` measures it properly).`,
    '',
  ].join('\n');
}
