import type { Provenance } from '@syncwell/core';
import type { ConflictPair, MergeableRecord } from '../conflict-pair.js';
import { FIELD_COMPANIONS } from '../merge-fields.js';
import type { FieldChoice } from '../merge-suggestion.js';
import { mergedFieldRecord } from './merged-value.js';

type Mutable = Map<string, unknown>;

/** Copies a field; a field the origin lacks is absent from the result too (not `undefined`). */
function copyField(target: Mutable, from: MergeableRecord, field: string): void {
  const value = (from as unknown as Record<string, unknown>)[field];
  if (value === undefined) target.delete(field);
  else target.set(field, value);
}

/**
 * The record the choices describe: the side most fields come from, with every other field (and
 * its companions) copied from its chosen origin.
 */
export function assembleMerged(pair: ConflictPair, choices: readonly FieldChoice[]): MergeableRecord {
  const source: MergeableRecord = pair.source.record;
  const destination: MergeableRecord = pair.destination.record;
  const fromSource = choices.filter((c) => !c.agreed && c.from === 'source').length;
  const fromDestination = choices.filter((c) => !c.agreed && c.from === 'destination').length;
  const base = fromSource > fromDestination ? source : destination;
  const merged: Mutable = new Map(Object.entries(base));
  const companions = FIELD_COMPANIONS[pair.dataType] ?? {};
  for (const choice of choices) {
    const origin =
      choice.from === 'merged'
        ? mergedFieldRecord(pair.dataType, choice.field, source, destination)
        : choice.from === 'source'
          ? source
          : destination;
    copyField(merged, origin, choice.field);
    const companion = companions[choice.field];
    if (companion !== undefined)
      copyField(merged, choice.from === 'destination' ? destination : source, companion);
  }
  merged.set('provenance', mergedProvenance(base.provenance, source.provenance, destination.provenance));
  return Object.fromEntries(merged) as unknown as MergeableRecord;
}

/** The base side's identity without SyncWell's write tag, tainted if either side may not train a model. */
function mergedProvenance(base: Provenance, source: Provenance, destination: Provenance): Provenance {
  const { syncTag: _tag, excludeFromTraining: _flag, ...identity } = base;
  return source.excludeFromTraining === true || destination.excludeFromTraining === true
    ? { ...identity, excludeFromTraining: true }
    : identity;
}
