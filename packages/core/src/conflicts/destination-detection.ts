import type { ErrorCode } from '../errors/error-codes.js';
import { createRecordMatcher } from '../matching/record-matcher.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import type { RecordKeys } from '../sync/record-keys.js';
import type { LedgerEntry } from '../sync/sync-state.js';
import type { ConflictStrategy, NewConflict } from './conflict-descriptor.js';
import { decideConflict, type ConflictAction } from './conflict-policy.js';
import { recordWindow } from './record-window.js';

/** What to do with one source record after looking at what the destination holds. */
export type Settlement =
  /** Write it; `writtenCode` replaces SW_ITEM_WRITTEN when the write settles a conflict. */
  | { readonly kind: 'write'; readonly writtenCode?: ErrorCode }
  /** Do not write; the ledger row is done with the destination's record id. */
  | { readonly kind: 'done'; readonly destinationId: string; readonly code: ErrorCode }
  /**
   * Store the conflict and skip until the user chooses. Under `ai_suggestion` the two records
   * ride along, for the engine to ask the advisor before settling (see sync-engine.ts).
   */
  | {
      readonly kind: 'pending';
      readonly conflict: NewConflict;
      readonly code: ErrorCode;
      readonly pair?: { readonly source: CanonicalRecord; readonly destination: CanonicalRecord };
    };

export interface DetectionInput {
  readonly ruleId: string;
  readonly dataType: DataType;
  readonly strategy: ConflictStrategy;
  readonly sources: readonly { readonly record: CanonicalRecord; readonly keys: RecordKeys }[];
  /** The destination's records around the sources' window. */
  readonly destination: readonly CanonicalRecord[];
  /** Ledger rows for the tags the destination records carry (findLedgerByTags). */
  readonly taggedLedger: ReadonlyMap<string, LedgerEntry>;
}

/**
 * Settles each source record against the destination (DESIGN §5 matching):
 * - a destination record carrying this record's own tag is our earlier write: done with its id;
 * - records this rule wrote for OTHER source records are no candidates: SyncWell's own writes
 *   are never a conflict with their own source, and would otherwise pair with a neighbour;
 * - `same` → done (SW_ITEM_DUPLICATE_AT_DESTINATION), also for records that were there before
 *   SyncWell; `conflict` → the rule's strategy; `different` or nothing → write.
 * Keyed by the source's identity key.
 */
export function settleAgainstDestination(input: DetectionInput): Map<string, Settlement> {
  const byOwnTag = new Map<string, CanonicalRecord>();
  const candidates: CanonicalRecord[] = [];
  for (const record of input.destination) {
    const tag = record.provenance.syncTag;
    if (tag !== undefined) byOwnTag.set(tag, record);
    if (tag !== undefined && input.taggedLedger.get(tag)?.ruleId === input.ruleId) continue;
    candidates.push(record);
  }
  const matcher = createRecordMatcher(candidates);
  const settlements = new Map<string, Settlement>();
  for (const { record, keys } of input.sources) {
    const ownCopy = byOwnTag.get(keys.tag);
    if (ownCopy !== undefined) {
      settlements.set(keys.identityKey, done(ownCopy, 'SW_ITEM_DUPLICATE_AT_DESTINATION'));
      continue;
    }
    const found = matcher.find(record);
    if (found === undefined || found.result.verdict === 'different') {
      settlements.set(keys.identityKey, { kind: 'write' });
    } else if (found.result.verdict === 'same') {
      settlements.set(keys.identityKey, done(found.record, 'SW_ITEM_DUPLICATE_AT_DESTINATION'));
    } else {
      settlements.set(keys.identityKey, settleConflict(input, record, found.record));
    }
  }
  return settlements;
}

function settleConflict(
  input: DetectionInput,
  source: CanonicalRecord,
  destination: CanonicalRecord,
): Settlement {
  const settled = settlementOf(
    { ruleId: input.ruleId, dataType: input.dataType },
    decideConflict(input.strategy, source, destination),
    source,
    destination,
  );
  return settled.kind === 'pending' && input.strategy === 'ai_suggestion'
    ? { ...settled, pair: { source, destination } }
    : settled;
}

/** The settlement a conflict action leads to (the rule's strategy, or an advisor's advice). */
export function settlementOf(
  input: { readonly ruleId: string; readonly dataType: DataType },
  action: ConflictAction,
  source: CanonicalRecord,
  destination: CanonicalRecord,
): Settlement {
  if (action.kind === 'write') return { kind: 'write', writtenCode: 'SW_ITEM_CONFLICT_SOURCE_WRITTEN' };
  if (action.kind === 'keep_destination') return done(destination, 'SW_ITEM_CONFLICT_DESTINATION_KEPT');
  const window = recordWindow(source);
  return {
    kind: 'pending',
    code: action.code,
    conflict: {
      ruleId: input.ruleId,
      dataType: input.dataType,
      range: { from: new Date(window.fromMs), to: new Date(window.toMs) },
      sourceExternalId: source.provenance.externalId,
      destinationId: destination.provenance.externalId,
      code: action.code,
    },
  };
}

function done(destination: CanonicalRecord, code: ErrorCode): Settlement {
  return { kind: 'done', destinationId: destination.provenance.externalId, code };
}
