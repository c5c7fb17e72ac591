import type {
  DataProvider,
  ProviderSession,
  ReadItem,
  TimeRange,
  WriteItem,
} from '../provider/data-provider.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import { SyncWellError } from '../errors/syncwell-error.js';
import { recordKeys, type KeyedHash, type RecordKeys } from './record-keys.js';
import { countItem, emptyCounts, itemMissedData, itemResult, type RunOutcome } from './run-outcome.js';
import type { LedgerEntry, RunItemResult, SyncStatePort } from './sync-state.js';

export interface SyncEndpoint {
  readonly connectionId: string;
  readonly provider: DataProvider;
  readonly session: ProviderSession;
}

export interface SyncRunInput {
  readonly runId: string;
  readonly ruleId: string;
  readonly dataTypes: readonly DataType[];
  readonly source: SyncEndpoint;
  readonly destination: SyncEndpoint;
  readonly state: SyncStatePort;
  readonly hash: KeyedHash;
  /** From the rule lock; the store refuses a commit carrying an outdated token. */
  readonly fencingToken?: number;
  /** Backfill: read this window instead of from the cursor (the cursor is left alone). */
  readonly range?: TimeRange;
  /** Guards against a provider that keeps answering `hasMore`. */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
}

/** Thrown when the store refused a commit because a newer lock holder exists. */
export class RunLockLostError extends SyncWellError {
  constructor(ruleId: string) {
    super('SW_RUN_LOCK_LOST', 'The rule lock was lost before commit; nothing was committed', { ruleId });
  }
}

interface PlannedWrite {
  readonly record: CanonicalRecord;
  readonly keys: RecordKeys;
  /** An earlier attempt left an open intent: look at the destination before writing again. */
  readonly openIntent: boolean;
}

/**
 * Runs one sync of a rule: for each data type, read pages from the cursor, skip what the ledger
 * holds, write the rest under the intent protocol, then commit ledger rows, run items and the
 * cursor together. Whole-request provider failures propagate (the worker classifies and
 * retries); per-record problems become item results and the run goes on.
 */
export async function runSync(input: SyncRunInput): Promise<RunOutcome> {
  const counts = emptyCounts();
  let missedData = false;
  const readable = new Set(input.source.provider.facts.capabilities.readable);
  const writable = new Set(input.destination.provider.facts.capabilities.writable);
  for (const dataType of input.dataTypes) {
    if (!readable.has(dataType) || !writable.has(dataType)) continue;
    await syncDataType(input, dataType, (item) => {
      countItem(counts, item);
      missedData ||= itemMissedData(item);
    });
  }
  return { status: missedData ? 'partial' : 'succeeded', counts };
}

async function syncDataType(
  input: SyncRunInput,
  dataType: DataType,
  onItem: (item: RunItemResult) => void,
): Promise<void> {
  let cursor = input.range ? null : await input.state.getCursor(input.ruleId, dataType);
  const maxPages = input.maxPages ?? 10_000;
  for (let pageNo = 0; pageNo < maxPages; pageNo++) {
    input.signal?.throwIfAborted();
    const page = await input.source.provider.read(
      input.source.session,
      input.range ? { dataType, cursor, range: input.range } : { dataType, cursor },
    );
    const items = await processPage(input, dataType, page.items);
    const committed = await input.state.commitPage({
      runId: input.runId,
      ruleId: input.ruleId,
      dataType,
      cursor: input.range ? null : page.nextCursor,
      done: items.done,
      items: items.results,
      ...(input.fencingToken === undefined ? {} : { fencingToken: input.fencingToken }),
    });
    if (!committed) throw new RunLockLostError(input.ruleId);
    items.results.forEach(onItem);
    cursor = page.nextCursor ?? cursor;
    if (!page.hasMore) return;
  }
}

interface ProcessedPage {
  readonly results: RunItemResult[];
  readonly done: { identityKey: string; destinationConnectionId: string; destinationId: string }[];
}

async function processPage(
  input: SyncRunInput,
  dataType: DataType,
  readItems: readonly ReadItem[],
): Promise<ProcessedPage> {
  const results: RunItemResult[] = [];
  const records: { record: CanonicalRecord; keys: RecordKeys }[] = [];
  const seen = new Set<string>();
  for (const item of readItems) {
    if (!item.ok) {
      results.push(itemResult(dataType, item.externalId, 'skipped', item.code, null, item.message));
      continue;
    }
    const keys = recordKeys(item.record, input.hash);
    if (seen.has(keys.identityKey)) continue; // the same record twice in one page
    seen.add(keys.identityKey);
    records.push({ record: item.record, keys });
  }

  const destinationId = input.destination.connectionId;
  const ourTags = records.flatMap(({ record }) =>
    record.provenance.syncTag ? [record.provenance.syncTag] : [],
  );
  const [ledger, written] = await Promise.all([
    input.state.findLedger(
      destinationId,
      records.map((r) => r.keys.identityKey),
    ),
    ourTags.length > 0
      ? input.state.findLedgerByTags(ourTags)
      : Promise.resolve(new Map<string, LedgerEntry>()),
  ]);

  const toWrite: PlannedWrite[] = [];
  for (const { record, keys } of records) {
    const externalId = record.provenance.externalId;
    const ownTag = record.provenance.syncTag;
    if (ownTag !== undefined && written.has(ownTag)) {
      results.push(itemResult(dataType, externalId, 'skipped', 'SW_ITEM_LOOP_PREVENTED'));
      continue;
    }
    const entry = ledger.get(keys.identityKey);
    if (entry?.status === 'done') {
      results.push(
        itemResult(dataType, externalId, 'skipped', 'SW_ITEM_ALREADY_SYNCED', entry.destinationId),
      );
      continue;
    }
    toWrite.push({ record, keys, openIntent: entry?.status === 'intent' });
  }

  const done: ProcessedPage['done'] = [];
  if (toWrite.length > 0) {
    await writeWithIntents(input, dataType, toWrite, results, done);
  }
  return { results, done };
}

/** The intent protocol of DESIGN §5: durable intent, tagged write, then done (at commit). */
async function writeWithIntents(
  input: SyncRunInput,
  dataType: DataType,
  planned: readonly PlannedWrite[],
  results: RunItemResult[],
  done: ProcessedPage['done'],
): Promise<void> {
  const destination = input.destination;
  await input.state.recordIntents(
    planned.map(({ keys }) => ({
      ruleId: input.ruleId,
      destinationConnectionId: destination.connectionId,
      identityKey: keys.identityKey,
      contentKey: keys.contentKey,
      tag: keys.tag,
      dataType,
    })),
  );

  const fresh: PlannedWrite[] = [];
  for (const write of planned) {
    const found =
      write.openIntent && destination.provider.findByTag
        ? await destination.provider.findByTag(destination.session, {
            record: write.record,
            tag: write.keys.tag,
          })
        : null;
    if (found === null) {
      fresh.push(write);
      continue;
    }
    done.push({
      identityKey: write.keys.identityKey,
      destinationConnectionId: destination.connectionId,
      destinationId: found,
    });
    results.push(
      itemResult(
        dataType,
        write.record.provenance.externalId,
        'written',
        'SW_ITEM_DUPLICATE_AT_DESTINATION',
        found,
      ),
    );
  }
  if (fresh.length === 0) return;

  const items: WriteItem[] = fresh.map(({ record, keys }) => ({ record, tag: keys.tag }));
  const writeResults = await destination.provider.write(destination.session, items);
  fresh.forEach((write, i) => {
    const externalId = write.record.provenance.externalId;
    const result = writeResults[i];
    if (result === undefined) {
      results.push(
        itemResult(dataType, externalId, 'failed', 'SW_PROVIDER_BAD_RESPONSE', null, 'no result for item'),
      );
      return;
    }
    if (result.status === 'failed') {
      results.push(itemResult(dataType, externalId, 'failed', result.code, null, result.message));
      return;
    }
    done.push({
      identityKey: write.keys.identityKey,
      destinationConnectionId: destination.connectionId,
      destinationId: result.destinationId,
    });
    const code = result.status === 'written' ? 'SW_ITEM_WRITTEN' : 'SW_ITEM_DUPLICATE_AT_DESTINATION';
    results.push(itemResult(dataType, externalId, 'written', code, result.destinationId));
  });
}
