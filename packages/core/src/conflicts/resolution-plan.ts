import type { ErrorCode } from '../errors/error-codes.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import { itemResult } from '../sync/run-outcome.js';
import { recordKeys, type KeyedHash, type RecordKeys } from '../sync/record-keys.js';
import type { SyncEndpoint } from '../sync/sync-engine.js';
import type { RunItemResult, SyncStatePort } from '../sync/sync-state.js';
import type { ConflictDescriptor } from './conflict-descriptor.js';
import { readWindow } from './destination-read.js';

/** Slack around a conflict's slot when reading the source again: providers filter by start. */
const REREAD_SLACK_MS = 60 * 60_000;

export interface ResolutionPlan {
  /** Source records to write now (the user chose "source" or "both"). */
  readonly writes: {
    readonly record: CanonicalRecord;
    readonly keys: RecordKeys;
    readonly openIntent: boolean;
    readonly writtenCode: ErrorCode;
  }[];
  /** Records settled without a write ("destination"): ledger done with the destination's id. */
  readonly kept: { readonly keys: RecordKeys; readonly destinationId: string }[];
  readonly results: RunItemResult[];
  /** Conflicts applied once this plan's commit lands. */
  readonly applied: string[];
  /** Conflicts applied only if the write of this identity key succeeds. */
  readonly appliedIfWritten: Map<string, string>;
}

export interface ResolutionContext {
  readonly ruleId: string;
  readonly source: SyncEndpoint;
  readonly destinationConnectionId: string;
  readonly state: SyncStatePort;
  readonly hash: KeyedHash;
}

/**
 * Turns the user's resolutions into work for this run. The source record is read again for the
 * conflict's slot (the cursor moved past it long ago; the descriptor holds no values), so what
 * is written is the source's current record. "both" on a type the destination keeps one per
 * day writes the source's day over the destination's, the same as "source": that destination
 * cannot hold two. A record gone from the source closes its conflict without a write.
 */
export async function planResolutions(
  ctx: ResolutionContext,
  dataType: DataType,
  resolved: readonly ConflictDescriptor[],
): Promise<ResolutionPlan> {
  const plan: ResolutionPlan = {
    writes: [],
    kept: [],
    results: [],
    applied: [],
    appliedIfWritten: new Map(),
  };
  const found: { conflict: ConflictDescriptor; record: CanonicalRecord; keys: RecordKeys }[] = [];
  for (const conflict of resolved) {
    const records = await readWindow(ctx.source, dataType, {
      from: new Date(conflict.range.from.getTime() - REREAD_SLACK_MS),
      to: new Date(conflict.range.to.getTime() + REREAD_SLACK_MS),
    });
    const record = records.find((r) => r.provenance.externalId === conflict.sourceExternalId);
    if (record === undefined) {
      plan.results.push(
        itemResult(dataType, conflict.sourceExternalId, 'skipped', 'SW_ITEM_CONFLICT_SOURCE_GONE'),
      );
      plan.applied.push(conflict.id);
      continue;
    }
    found.push({ conflict, record, keys: recordKeys(record, ctx.hash) });
  }
  const ledger = await ctx.state.findLedger(
    ctx.destinationConnectionId,
    found.map((f) => f.keys.identityKey),
  );
  for (const { conflict, record, keys } of found) {
    const entry = ledger.get(keys.identityKey);
    if (entry?.status === 'done') {
      // Applied before, but the run died before marking it (see markConflictsApplied).
      plan.applied.push(conflict.id);
    } else if (conflict.resolution === 'destination') {
      plan.kept.push({ keys, destinationId: conflict.destinationId });
      plan.results.push(
        itemResult(
          dataType,
          conflict.sourceExternalId,
          'skipped',
          'SW_ITEM_CONFLICT_DESTINATION_KEPT',
          conflict.destinationId,
        ),
      );
      plan.applied.push(conflict.id);
    } else {
      plan.writes.push({
        record,
        keys,
        openIntent: entry?.status === 'intent',
        writtenCode: 'SW_ITEM_CONFLICT_SOURCE_WRITTEN',
      });
      plan.appliedIfWritten.set(keys.identityKey, conflict.id);
    }
  }
  return plan;
}
