import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { MERGEABLE_TYPES, type MergeableType } from '../conflict-pair.js';
import { decisiveAgreement, evaluate, MODEL_STRATEGY, rate, tallyOf } from '../evaluation/evaluate.js';
import { heldOutConflicts, trainingConflicts } from '../evaluation/held-out.js';
import { renderEvaluationReport, scoreLines } from '../evaluation/report.js';
import { featureNames } from '../features/pair-features.js';
import { failureModeCatalogue, GENERATOR_VERSION } from '../generator/failure-modes.js';
import type { LabelledConflict } from '../generator/generate-conflicts.js';
import { MERGE_FIELDS, canJoin } from '../merge-fields.js';
import { conflictModelPaths } from '../model-file.js';
import {
  fieldModelToJson,
  loadConflictMergeModel,
  MODEL_FORMAT,
  type ConflictMergeModelJson,
} from '../model/model-format.js';
import { FINGERPRINT_CONFLICTS, renderModelCard, type ModelCard } from './model-card.js';
import { hashTrainingSet, sha256 } from './training-data-hash.js';
import { buildTrainingSet } from './training-set.js';
import { trainBoostedTrees, type BoosterParams } from './xgboost-trainer.js';

/**
 * `npm run train:conflicts [-- --conflicts 16000 --held-out 4000 --seed 20261202]`: generates the
 * labelled conflicts, trains one classifier per type and field, evaluates on the held-out split
 * and writes the model, its card and the evaluation report. Deterministic for a given seed.
 */
const { values } = parseArgs({
  options: {
    conflicts: { type: 'string', default: '16000' },
    'held-out': { type: 'string', default: '4000' },
    seed: { type: 'string', default: '20261202' },
    epoch: { type: 'string', default: '2025-01-01' },
  },
});
const trainingCount = Number(values.conflicts);
const heldOutCount = Number(values['held-out']);
const generator = { seed: Number(values.seed), epoch: values.epoch };
/**
 * Small trees, few rounds: on a 6,000-conflict tuning run 50 rounds of depth 4 scored as well as
 * 150 of depth 6 (98.7 % vs 98.6 %) with a quarter of the nodes, so inference is cheaper and the
 * model has less room to learn the generator's quirks.
 */
const PARAMS: BoosterParams = {
  rounds: 50,
  maxDepth: 4,
  eta: 0.25,
  subsample: 0.8,
  colsampleByTree: 0.8,
  minChildWeight: 3,
  lambda: 1,
  seed: 7,
};

function* withProgress(
  conflicts: Iterable<LabelledConflict>,
  total: number,
  what: string,
): Generator<LabelledConflict> {
  let n = 0;
  for (const c of conflicts) {
    yield c;
    if (++n % 1000 === 0) process.stdout.write(`\r${what}: ${n}/${total}`);
  }
  process.stdout.write(`\r${what}: ${n}/${total}\n`);
}

const started = performance.now();
const set = buildTrainingSet(
  withProgress(trainingConflicts(generator, trainingCount), trainingCount, 'generating'),
);
const generatedS = (performance.now() - started) / 1000;
const trainingDataHash = hashTrainingSet(set);
const fingerprint = hashTrainingSet(buildTrainingSet(trainingConflicts(generator, FINGERPRINT_CONFLICTS)));

const types = {} as ConflictMergeModelJson['types'];
const examples: Record<string, number> = {};
for (const dataType of MERGEABLE_TYPES) {
  const fields: ConflictMergeModelJson['types'][MergeableType]['fields'] = {};
  for (const field of MERGE_FIELDS[dataType] as readonly string[]) {
    const key = `${dataType}.${field}`;
    const rows = set.examples.get(key) ?? [];
    examples[key] = rows.length;
    const classes = canJoin(dataType, field) ? 3 : 2;
    const t0 = performance.now();
    // A field never at stake in training keeps a neutral classifier (no trees: every class equal).
    fields[field] =
      rows.length < 20
        ? { classes, baseScore: 0, ...(classes > 2 ? { treeClass: [] } : {}), trees: [] }
        : fieldModelToJson(
            await trainBoostedTrees(
              rows.map((r) => r.x),
              rows.map((r) => r.label),
              classes,
              PARAMS,
            ),
          );
    console.log(`trained ${key}: ${rows.length} examples, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  types[dataType] = { features: featureNames(dataType), fields };
}
const trainingS = (performance.now() - started) / 1000 - generatedS;

const modelJson: ConflictMergeModelJson = {
  format: MODEL_FORMAT,
  version: `${GENERATOR_VERSION}/${generator.seed}/${trainingDataHash.slice(7, 19)}`,
  generatorVersion: GENERATOR_VERSION,
  types,
};
const paths = conflictModelPaths();
const modelText = `${JSON.stringify(modelJson)}\n`;
writeFileSync(paths.model, modelText);
const model = loadConflictMergeModel(JSON.parse(readFileSync(paths.model, 'utf8')));

const evaluation = evaluate(
  withProgress(heldOutConflicts(generator, heldOutCount), heldOutCount, 'evaluating'),
  model,
);
for (const line of scoreLines(evaluation)) console.log(line);
const withheld = evaluate(heldOutConflicts(generator, heldOutCount), model, { withholdMetadata: true });
console.log(`metadata withheld: model ${(100 * decisiveAgreement(withheld, MODEL_STRATEGY)).toFixed(1)} %`);

const strategies: Record<string, { decisive: number; atStake: number; all: number }> = {};
for (const name of evaluation.strategies) {
  const t = tallyOf(evaluation, name, 'all');
  strategies[name] = {
    decisive: round(rate(t.decisive)),
    atStake: round(rate(t.atStake)),
    all: round(rate(t.all)),
  };
}
const card: ModelCard = {
  model: 'conflict-merge',
  version: modelJson.version,
  modelSha256: sha256(modelText),
  library:
    'ml-xgboost 1.1.2 (XGBoost compiled to WebAssembly) for training; the trees are exported to JSON and evaluated in TypeScript',
  generator: {
    version: GENERATOR_VERSION,
    seed: generator.seed,
    epoch: generator.epoch,
    trainingConflicts: set.conflicts,
    excludedFromTraining: set.excluded,
    heldOutConflicts: heldOutCount,
    split: 'conflict index mod 5 = 4 is held out',
  },
  trainingDataHash,
  fingerprint: { conflicts: FINGERPRINT_CONFLICTS, hash: fingerprint },
  params: PARAMS,
  examples,
  features: {
    workout: featureNames('workout'),
    daily_activity: featureNames('daily_activity'),
    sleep: featureNames('sleep'),
    body_measurement: featureNames('body_measurement'),
  },
  metrics: {
    heldOutConflicts: evaluation.conflicts,
    decisiveFields: tallyOf(evaluation, MODEL_STRATEGY, 'all').decisive.total,
    strategies,
    modelByMode: Object.fromEntries(
      failureModeCatalogue().map((m) => [
        m.id,
        round(rate(tallyOf(evaluation, MODEL_STRATEGY, m.id).decisive)),
      ]),
    ),
  },
};

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

const prettier = await resolveConfig(paths.card);
writeFileSync(paths.card, await format(JSON.stringify(card), { ...prettier, parser: 'json' }));
writeFileSync(paths.cardMarkdown, await format(renderModelCard(card), { ...prettier, parser: 'markdown' }));
const preamble = [
  `Produced by \`npm run train:conflicts\` (model \`${card.version}\`): ${set.conflicts} training conflicts`,
  `(${set.excluded} with a Strava side left out), ${evaluation.conflicts} held-out conflicts of the same generator`,
  `(version ${GENERATOR_VERSION}, seed ${generator.seed}; every fifth conflict index is held out and never trained on).`,
  `Generating the training set took ${generatedS.toFixed(0)} s and training ${trainingS.toFixed(0)} s on this run's machine.`,
].join('\n');
writeFileSync(
  paths.report,
  await format(renderEvaluationReport(evaluation, preamble, withheld), { ...prettier, parser: 'markdown' }),
);
console.log(`wrote ${paths.model}, ${paths.card}, ${paths.cardMarkdown}, ${paths.report}`);
