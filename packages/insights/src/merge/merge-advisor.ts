import type { CanonicalRecord, DataType } from '@syncwell/core';

/**
 * Both versions of one conflict (DESIGN §5): the same slot holding different records at the
 * rule's source and destination. Values travel to the advisor for one call and are never
 * stored by it.
 */
export interface ConflictPair {
  readonly dataType: DataType;
  readonly source: CanonicalRecord;
  readonly destination: CanonicalRecord;
}

/** Where one field of the suggested record comes from; `merge` joins both (track segments). */
export type FieldOrigin = 'source' | 'destination' | 'merge';

/**
 * A suggested merged record, field by field, and how sure the advisor is (0..1). `preferred`
 * is the side a sync can act on without composing a new record: the majority of the fields
 * (rules), the side every contested field comes from (model), or `merge` when no single record
 * is right (a joined track, or the model's fields from both sides: the user decides then).
 */
export interface MergeSuggestion {
  readonly fields: Readonly<Record<string, FieldOrigin>>;
  readonly preferred: FieldOrigin;
  readonly confidence: number;
  /** Which advisor answered: the trained model's version, or `rules` for the fallback. */
  readonly advisor: string;
}

/**
 * The conflict-merge port. The trained model (conflict-merge/) and the rule-based fallback both
 * implement it, so the service does not care which one answers.
 *
 * Deliberately absent: I/O and time. An advisor is a pure function of the pair, cheap enough
 * (≤ 1 ms) to sit inside a sync run.
 *
 * @example
 *   const suggestion = advisor.suggest({ dataType: 'workout', source, destination });
 *   if (suggestion.confidence >= 0.75 && suggestion.preferred === 'destination') keepDestination();
 */
export interface MergeAdvisor {
  readonly name: string;
  suggest(pair: ConflictPair): MergeSuggestion;
}

/** The side most fields come from; `merge` wins as soon as any field must be joined. */
export function preferredOrigin(fields: Readonly<Record<string, FieldOrigin>>): FieldOrigin {
  const origins = Object.values(fields);
  if (origins.includes('merge')) return 'merge';
  const source = origins.filter((o) => o === 'source').length;
  return source * 2 >= origins.length ? 'source' : 'destination';
}
