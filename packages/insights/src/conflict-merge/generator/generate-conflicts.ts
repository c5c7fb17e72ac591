import type { RecordOf } from '@syncwell/core';
import type { ConflictPair, ConflictSide, MergeableRecord, MergeableType } from '../conflict-pair.js';
import { sidesAgree } from '../field-agreement.js';
import { MERGE_FIELDS } from '../merge-fields.js';
import type { FailureMode, ModeContext } from './failure-mode.js';
import { MODES_BY_TYPE, TYPE_SHARES } from './failure-modes.js';
import type { GeneratedSide, ModeOutcome } from './generated-side.js';
import { drawPersona } from './persona.js';
import { PLACES, offsetOn } from './places.js';
import { createRandom, itemSeed, type Random } from './random.js';
import { drawMeta, drawProvenance } from './side-meta.js';

const DAY_MS = 86_400_000;

export interface GeneratorOptions {
  readonly seed: number;
  /** First local day conflicts fall on (`YYYY-MM-DD`): time is an input, never the clock. */
  readonly epoch: string;
  /** Days after the epoch they spread over; default two years. */
  readonly spanDays?: number;
}

/** A generated conflict with the truth it was made from. */
export interface LabelledConflict {
  /** `<seed>:<index>`. */
  readonly id: string;
  readonly index: number;
  /** The failure mode's id, e.g. `workout.stopped_early`. */
  readonly mode: string;
  readonly pair: ConflictPair;
  readonly truth: MergeableRecord;
}

/**
 * Conflict number `index` of the stream `seed`: generated on its own from a seed of its own, so a
 * held-out subset can be produced without the rest.
 */
export function generateConflict(options: GeneratorOptions, index: number): LabelledConflict {
  const random = createRandom(itemSeed(options.seed, index));
  const persona = drawPersona(random);
  const epochMs = Date.parse(`${options.epoch}T00:00:00Z`);
  if (Number.isNaN(epochMs)) throw new RangeError(`epoch is not a date: ${options.epoch}`);
  const dayMs = epochMs + random.int(0, (options.spanDays ?? 730) - 1) * DAY_MS;
  const month = new Date(dayMs).getUTCMonth() + 1;
  const away = random.pick(PLACES.filter((p) => p !== persona.home));
  const context: ModeContext = {
    random,
    persona,
    occasion: { dayMs, month, place: random.chance(0.2) ? away : persona.home },
    away: { dayMs, month, place: away },
    homeOffset: offsetOn(persona.home, month),
  };
  const dataType = random.weighted(Object.entries(TYPE_SHARES) as [MergeableType, number][]);
  const mode = random.weighted(
    (MODES_BY_TYPE[dataType] as readonly FailureMode[]).map((m) => [m, m.share] as const),
  );
  const outcome = differingOutcome(mode, context);
  const [first, second] = random.chance(0.5) ? outcome.sides : [outcome.sides[1], outcome.sides[0]];
  const pair = {
    dataType,
    source: finishSide(random, dataType, first, `${index}-s`),
    destination: finishSide(random, dataType, second, `${index}-d`),
  } as ConflictPair;
  return { id: `${options.seed}:${index}`, index, mode: mode.id, pair, truth: outcome.truth };
}

/** Conflicts `from`..`from + count − 1` of the stream. */
export function* generateConflicts(
  options: GeneratorOptions,
  from: number,
  count: number,
): Generator<LabelledConflict> {
  for (let i = from; i < from + count; i++) yield generateConflict(options, i);
}

/** A conflict needs two sides that differ somewhere; a mode can miss (a cut too small), so draw again. */
function differingOutcome(mode: FailureMode, context: ModeContext): ModeOutcome<MergeableType> {
  for (let attempt = 0; ; attempt++) {
    const outcome = mode.generate(context);
    const [a, b] = outcome.sides;
    const fields = MERGE_FIELDS[mode.dataType] as readonly string[];
    if (attempt >= 20 || fields.some((f) => !sidesAgree(mode.dataType, f, a.record, b.record)))
      return outcome;
  }
}

function finishSide<T extends MergeableType>(
  random: Random,
  dataType: T,
  side: GeneratedSide<T>,
  externalId: string,
): ConflictSide<RecordOf<T>> {
  return {
    record: { ...side.record, provenance: drawProvenance(random, dataType, side.origin, externalId) },
    meta: drawMeta(random, side.facts),
  };
}
