import { instantMs, newerSide, overwritesBySlot } from '@syncwell/core';
import type { ConflictPair, MergeableRecord } from '../conflict-pair.js';
import type { FieldTruth } from '../field-truth.js';

/**
 * A conflict strategy as the evaluation scores it: for each field, whether the record(s) it leaves
 * at the destination hold the true value.
 */
export interface ScoredStrategy {
  readonly name: string;
  /** Per field (in MERGE_FIELDS order), right or wrong. */
  readonly score: (pair: ConflictPair, truths: readonly FieldTruth[]) => readonly boolean[];
}

function wholeSide(pick: (pair: ConflictPair) => 'source' | 'destination'): ScoredStrategy['score'] {
  return (pair, truths) => {
    const side = pick(pair);
    return truths.map((t) => (side === 'source' ? t.sourceOk : t.destinationOk));
  };
}

/** The engine's "newest" (core `newerSide`): the later start, then the later end; ties to the source. */
function engineNewest(pair: ConflictPair): 'source' | 'destination' {
  const source: MergeableRecord = pair.source.record;
  const destination: MergeableRecord = pair.destination.record;
  return newerSide(source, destination);
}

/** "Newest" by the platforms' last-modified times where both have one, else the engine's rule. */
function lastModifiedNewest(pair: ConflictPair): 'source' | 'destination' {
  const s = pair.source.meta.lastModified;
  const d = pair.destination.meta.lastModified;
  if (s === undefined || d === undefined) return engineNewest(pair);
  return instantMs(s) >= instantMs(d) ? 'source' : 'destination';
}

/**
 * Every deterministic strategy a rule can have (DESIGN §5). `keep both` writes the source next to
 * the destination's record: on types a destination keeps one per slot (a day's totals) the write
 * replaces it, so it scores as source wins; elsewhere the destination then shows two records, and
 * a field counts as right only if both hold the true value (never, where the sides differ).
 */
export const DETERMINISTIC_STRATEGIES: readonly ScoredStrategy[] = [
  { name: 'source wins', score: wholeSide(() => 'source') },
  { name: 'destination wins', score: wholeSide(() => 'destination') },
  { name: 'newest (engine: record times)', score: wholeSide(engineNewest) },
  { name: 'newest (last-modified metadata)', score: wholeSide(lastModifiedNewest) },
  {
    name: 'keep both',
    score: (pair, truths) =>
      overwritesBySlot(pair.dataType)
        ? truths.map((t) => t.sourceOk)
        : truths.map((t) => t.sourceOk && t.destinationOk),
  },
];
