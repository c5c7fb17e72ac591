import type { RecordOf } from '@syncwell/core';
import type { DeviceKind, MergeableType } from '../conflict-pair.js';
import type { MetaFacts } from './side-meta.js';

/** One side as a failure mode produced it, before provenance and missing metadata are drawn. */
export interface GeneratedSide<T extends MergeableType> {
  readonly record: RecordOf<T>;
  readonly facts: MetaFacts;
  readonly origin: DeviceKind | 'manual';
}

/** The truth and the two versions a failure mode made of it (order is shuffled later). */
export interface ModeOutcome<T extends MergeableType> {
  readonly truth: RecordOf<T>;
  readonly sides: readonly [GeneratedSide<T>, GeneratedSide<T>];
}

/** Shifts an ISO instant by milliseconds. */
export function shiftIso(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
