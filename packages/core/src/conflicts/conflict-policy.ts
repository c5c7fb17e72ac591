import type { ErrorCode } from '../errors/error-codes.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import type { ConflictStrategy } from './conflict-descriptor.js';
import { recordWindow } from './record-window.js';

/**
 * Types a destination stores one per slot, so writing ours replaces its record: one local day's
 * totals or samples (DESIGN §8: daily summaries are overwritten by day; a day of samples is
 * one write unit, DESIGN §5). For every other type a
 * write ADDS a record (a Strava upload is a second activity next to the first), so "source wins"
 * cannot replace anything there: SyncWell never deletes at a destination.
 */
const OVERWRITES_BY_SLOT: ReadonlySet<DataType> = new Set(['daily_activity', 'heart_rate', 'hrv', 'spo2']);

export function overwritesBySlot(dataType: DataType): boolean {
  return OVERWRITES_BY_SLOT.has(dataType);
}

/** What the engine does with a source record whose slot the destination fills differently. */
export type ConflictAction =
  | { readonly kind: 'write' }
  | { readonly kind: 'keep_destination' }
  /** Store a descriptor and skip; the user's choice is applied by a later run. */
  | { readonly kind: 'ask'; readonly code: ErrorCode };

/**
 * Applies a rule's strategy. Two decisions are deliberate:
 * - source wins (and newest picking the source) on a type that does not overwrite by slot asks
 *   the user (SW_ITEM_CONFLICT_NOT_OVERWRITABLE) instead of writing: the write would leave two
 *   activities, the duplicate users complain about most; choosing "source" or "both" in the
 *   conflict then writes it knowingly.
 * - `ai_suggestion` asks, like `ask`, unless the run has a conflict advisor whose advice settles
 *   it (conflict-advisor.ts, asked by the engine); without advice it stays a question for the user.
 * Writing a second record (keep both, or the user's "source"/"both" on such a type) can still be
 * refused by a destination that allows one record per slot (an upload starting within a minute
 * of another is a "duplicate of" it); that answer counts as the existing record (DESIGN §5) and
 * the item says SW_ITEM_DUPLICATE_AT_DESTINATION, never that it was written.
 *
 * @example decideConflict('destination_wins', src, dst) // { kind: 'keep_destination' }
 */
export function decideConflict(
  strategy: ConflictStrategy,
  source: CanonicalRecord,
  destination: CanonicalRecord,
): ConflictAction {
  switch (strategy) {
    case 'keep_both':
      return { kind: 'write' };
    case 'destination_wins':
      return { kind: 'keep_destination' };
    case 'source_wins':
      return sourceWins(source.type);
    case 'newest':
      return newerSide(source, destination) === 'source'
        ? sourceWins(source.type)
        : { kind: 'keep_destination' };
    case 'ask':
    case 'ai_suggestion':
      return { kind: 'ask', code: 'SW_ITEM_CONFLICT_PENDING' };
  }
}

function sourceWins(dataType: DataType): ConflictAction {
  return overwritesBySlot(dataType)
    ? { kind: 'write' }
    : { kind: 'ask', code: 'SW_ITEM_CONFLICT_NOT_OVERWRITABLE' };
}

/**
 * "Newest" without modification times: canonical records carry none (most providers expose
 * none), so the records' own times decide. The later start wins, then the later end; a tie goes
 * to the source. Day records of one slot always tie (same local day), and the source wins them
 * because it was just read and a day's totals only grow while the day goes on.
 */
export function newerSide(source: CanonicalRecord, destination: CanonicalRecord): 'source' | 'destination' {
  const s = recordWindow(source);
  const d = recordWindow(destination);
  if (s.fromMs !== d.fromMs) return s.fromMs > d.fromMs ? 'source' : 'destination';
  return s.toMs >= d.toMs ? 'source' : 'destination';
}
