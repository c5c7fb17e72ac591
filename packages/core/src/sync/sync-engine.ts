import type {
  DataProvider,
  ProviderSession,
  ReadItem,
  TimeRange,
  WriteItem,
} from '../provider/data-provider.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import { SyncWellError } from '../errors/syncwell-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { ConflictDescriptor, ConflictStrategy, NewConflict } from '../conflicts/conflict-descriptor.js';
import { readWindow } from '../conflicts/destination-read.js';
import {
  settleAgainstDestination,
  settlementOf,
  type Settlement,
} from '../conflicts/destination-detection.js';
import { decideWithAdvice, type ConflictAdvisor } from '../conflicts/conflict-advisor.js';
import { detectionWindow } from '../conflicts/record-window.js';
import { planResolutions } from '../conflicts/resolution-plan.js';
import { recordKeys, type KeyedHash, type RecordKeys } from './record-keys.js';
import { recordsForDestination, warningMessage } from './destination-shape.js';
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
  /** The rule's strategy for conflicts at a readable destination; default `source_wins` (the rule default). */
  readonly conflictStrategy?: ConflictStrategy;
  /**
   * Asked about each conflict under `ai_suggestion` (the insights service); without it, or when
   * it gives no advice, the rule's fallback applies (AI_FALLBACK_STRATEGY: ask the user).
   */
  readonly conflictAdvisor?: ConflictAdvisor;
  /**
   * The run's last page commit also ends the run (PageCommit.finish), saving the store a round
   * trip; the outcome then says `finished`. When no commit was last (no syncable type, page
   * limit reached) the caller still finishes the run.
   */
  readonly finishRun?: boolean;
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
  /** Reported instead of SW_ITEM_WRITTEN: the write settles a conflict. */
  readonly writtenCode?: ErrorCode;
}

/** A record settled without a write: the destination's record stands for it in the ledger. */
interface KeptAtDestination {
  readonly keys: RecordKeys;
  readonly destinationId: string;
}

/**
 * Runs one sync of a rule: for each data type, read pages from the cursor, skip what the ledger
 * holds, write the rest under the intent protocol, then commit ledger rows, run items and the
 * cursor together. Whole-request provider failures propagate (the worker classifies and
 * retries); per-record problems become item results and the run goes on.
 */
export async function runSync(input: SyncRunInput): Promise<RunOutcome> {
  const counts = emptyCounts();
  const missed = { data: false };
  const readable = new Set(input.source.provider.facts.capabilities.readable);
  const writable = new Set(input.destination.provider.facts.capabilities.writable);
  // The user's answers to earlier conflicts are applied first, by this run (DESIGN §5).
  const resolved = await input.state.listResolvedConflicts(input.ruleId);
  const onItem = (item: RunItemResult) => {
    countItem(counts, item);
    missed.data ||= itemMissedData(item);
  };
  const syncable = input.dataTypes.filter((type) => readable.has(type) && writable.has(type));
  let finished = false;
  for (const [index, dataType] of syncable.entries()) {
    const ofType = resolved.filter((c) => c.dataType === dataType);
    if (ofType.length > 0) await applyResolutions(input, dataType, ofType, onItem);
    const last = input.finishRun === true && index === syncable.length - 1;
    finished = await syncDataType(input, dataType, onItem, last);
  }
  return { status: missed.data ? 'partial' : 'succeeded', counts, ...(finished ? { finished } : {}) };
}

/** True when `finishLast` and the type's last page was committed with the run's finish. */
async function syncDataType(
  input: SyncRunInput,
  dataType: DataType,
  onItem: (item: RunItemResult) => void,
  finishLast: boolean,
): Promise<boolean> {
  let cursor = input.range ? null : await input.state.getCursor(input.ruleId, dataType);
  const maxPages = input.maxPages ?? 10_000;
  for (let pageNo = 0; pageNo < maxPages; pageNo++) {
    input.signal?.throwIfAborted();
    const page = await input.source.provider.read(
      input.source.session,
      input.range ? { dataType, cursor, range: input.range } : { dataType, cursor },
    );
    const items = await processPage(input, dataType, page.items);
    const finish = finishLast && !page.hasMore;
    await commit(input, dataType, input.range ? null : page.nextCursor, items, finish);
    items.results.forEach(onItem);
    cursor = page.nextCursor ?? cursor;
    if (!page.hasMore) return finish;
  }
  return false;
}

interface ProcessedPage {
  readonly results: RunItemResult[];
  readonly done: { identityKey: string; destinationConnectionId: string; destinationId: string }[];
}

async function commit(
  input: SyncRunInput,
  dataType: DataType,
  cursor: string | null,
  page: ProcessedPage,
  finish = false,
): Promise<void> {
  const committed = await input.state.commitPage({
    runId: input.runId,
    ruleId: input.ruleId,
    dataType,
    cursor,
    done: page.done,
    items: page.results,
    ...(input.fencingToken === undefined ? {} : { fencingToken: input.fencingToken }),
    ...(finish ? { finish } : {}),
  });
  if (!committed) throw new RunLockLostError(input.ruleId);
}

/** Resolved conflicts of one type: written or kept as the user chose, committed like a page. */
async function applyResolutions(
  input: SyncRunInput,
  dataType: DataType,
  resolved: readonly ConflictDescriptor[],
  onItem: (item: RunItemResult) => void,
): Promise<void> {
  const plan = await planResolutions(
    {
      ruleId: input.ruleId,
      source: input.source,
      destinationConnectionId: input.destination.connectionId,
      state: input.state,
      hash: input.hash,
    },
    dataType,
    resolved,
  );
  const page: ProcessedPage = { results: plan.results, done: [] };
  await writeSettled(input, dataType, plan.writes, plan.kept, page);
  await commit(input, dataType, null, page);
  const written = new Set(page.done.map((d) => d.identityKey));
  const applied = [...plan.applied];
  for (const [identityKey, id] of plan.appliedIfWritten) if (written.has(identityKey)) applied.push(id);
  if (applied.length > 0) await input.state.markConflictsApplied(applied);
  page.results.forEach(onItem);
}

async function processPage(
  input: SyncRunInput,
  dataType: DataType,
  readItems: readonly ReadItem[],
): Promise<ProcessedPage> {
  const results: RunItemResult[] = [];
  const records: { record: CanonicalRecord; keys: RecordKeys }[] = [];
  const seen = new Set<string>();
  const readWarnings = new Map<string, string>();
  const destinationCapabilities = input.destination.provider.facts.capabilities;
  for (const item of readItems) {
    if (!item.ok) {
      results.push(itemResult(dataType, item.externalId, 'skipped', item.code, null, item.message));
      continue;
    }
    const warnings = warningMessage(item.warnings);
    for (const record of recordsForDestination(item.record, destinationCapabilities)) {
      const keys = recordKeys(record, input.hash);
      if (seen.has(keys.identityKey)) continue; // the same record twice in one page
      seen.add(keys.identityKey);
      records.push({ record, keys });
      if (warnings !== undefined) readWarnings.set(record.provenance.externalId, warnings);
    }
  }
  const page = await settlePage(input, dataType, records, results);
  return readWarnings.size === 0 ? page : { ...page, results: withWarnings(page.results, readWarnings) };
}

/** Read warnings travel with the record's item result, after whatever the write said. */
function withWarnings(
  results: readonly RunItemResult[],
  warnings: ReadonlyMap<string, string>,
): RunItemResult[] {
  return results.map((result) => {
    const warning = warnings.get(result.externalId);
    if (warning === undefined) return result;
    return { ...result, message: result.message === undefined ? warning : `${result.message}; ${warning}` };
  });
}

async function settlePage(
  input: SyncRunInput,
  dataType: DataType,
  records: readonly { record: CanonicalRecord; keys: RecordKeys }[],
  results: RunItemResult[],
): Promise<ProcessedPage> {
  const destinationId = input.destination.connectionId;
  const ourTags = records.flatMap(({ record }) =>
    record.provenance.syncTag ? [record.provenance.syncTag] : [],
  );
  // Nothing but the ledger decides what to write: one store step finds it and records intents.
  const ledgerOnly =
    input.state.findLedgerRecordingIntents !== undefined &&
    ourTags.length === 0 &&
    !input.destination.provider.facts.capabilities.readable.includes(dataType);
  const [ledger, written] = ledgerOnly
    ? [await lookupRecordingIntents(input, dataType, records), new Map<string, LedgerEntry>()]
    : await Promise.all([
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

  const page: ProcessedPage = { results, done: [] };
  if (toWrite.length === 0) return page;
  if (ledgerOnly) {
    await writeWithIntents(input, dataType, toWrite, page.results, page.done);
    return page;
  }
  const { writes, kept, conflicts } = await detectAtDestination(input, dataType, toWrite, results);
  // Descriptors first: an item reported "pending" always has its conflict stored.
  if (conflicts.length > 0) await input.state.recordConflicts(conflicts);
  await writeSettled(input, dataType, writes, kept, page);
  return page;
}

/** findLedgerRecordingIntents for a page's records: intents for every record the ledger lacks. */
function lookupRecordingIntents(
  input: SyncRunInput,
  dataType: DataType,
  records: readonly { keys: RecordKeys }[],
): Promise<Map<string, LedgerEntry>> {
  const state = input.state;
  if (state.findLedgerRecordingIntents === undefined) {
    throw new Error('findLedgerRecordingIntents is not available');
  }
  const destinationConnectionId = input.destination.connectionId;
  return state.findLedgerRecordingIntents(
    destinationConnectionId,
    records.map(({ keys }) => ({
      ruleId: input.ruleId,
      destinationConnectionId,
      identityKey: keys.identityKey,
      contentKey: keys.contentKey,
      tag: keys.tag,
      dataType,
    })),
  );
}

/**
 * Looks at what the destination already holds for these records' window, when it can be read
 * for this type (otherwise everything is written as before). See settleAgainstDestination.
 */
async function detectAtDestination(
  input: SyncRunInput,
  dataType: DataType,
  planned: readonly PlannedWrite[],
  results: RunItemResult[],
): Promise<{ writes: PlannedWrite[]; kept: KeptAtDestination[]; conflicts: NewConflict[] }> {
  const destination = input.destination;
  const window = detectionWindow(planned.map((p) => p.record));
  if (!destination.provider.facts.capabilities.readable.includes(dataType) || window === undefined) {
    return { writes: [...planned], kept: [], conflicts: [] };
  }
  const held = await readWindow(destination, dataType, window);
  const heldTags = held.flatMap((r) => (r.provenance.syncTag ? [r.provenance.syncTag] : []));
  const settlements = settleAgainstDestination({
    ruleId: input.ruleId,
    dataType,
    strategy: input.conflictStrategy ?? 'source_wins',
    sources: planned,
    destination: held,
    taggedLedger: heldTags.length > 0 ? await input.state.findLedgerByTags(heldTags) : new Map(),
  });
  if (input.conflictAdvisor !== undefined) await adviseConflicts(input, dataType, settlements);
  const writes: PlannedWrite[] = [];
  const kept: KeptAtDestination[] = [];
  const conflicts: NewConflict[] = [];
  for (const write of planned) {
    const externalId = write.record.provenance.externalId;
    const settlement = settlements.get(write.keys.identityKey) ?? { kind: 'write' };
    if (settlement.kind === 'write') {
      writes.push(settlement.writtenCode ? { ...write, writtenCode: settlement.writtenCode } : write);
    } else if (settlement.kind === 'done') {
      kept.push({ keys: write.keys, destinationId: settlement.destinationId });
      results.push(itemResult(dataType, externalId, 'skipped', settlement.code, settlement.destinationId));
    } else {
      conflicts.push(settlement.conflict);
      results.push(
        itemResult(dataType, externalId, 'skipped', settlement.code, settlement.conflict.destinationId),
      );
    }
  }
  return { writes, kept, conflicts };
}

/**
 * `ai_suggestion`: asks the advisor about every conflict of the page at once and settles each by
 * its advice; a conflict without advice (service slow or down) keeps the fallback's settlement.
 */
async function adviseConflicts(
  input: SyncRunInput,
  dataType: DataType,
  settlements: Map<string, Settlement>,
): Promise<void> {
  const advisor = input.conflictAdvisor;
  if (advisor === undefined) return;
  await Promise.all(
    [...settlements].map(async ([key, settlement]) => {
      if (settlement.kind !== 'pending' || settlement.pair === undefined) return;
      const { source, destination } = settlement.pair;
      const advice = await advisor.advise({ dataType, source, destination }).catch(() => null);
      const action = decideWithAdvice(advice, source, destination);
      settlements.set(key, settlementOf({ ruleId: input.ruleId, dataType }, action, source, destination));
    }),
  );
}

/** Intents for everything the page settles (so kept records get full ledger rows), then the writes. */
async function writeSettled(
  input: SyncRunInput,
  dataType: DataType,
  writes: readonly PlannedWrite[],
  kept: readonly KeptAtDestination[],
  page: ProcessedPage,
): Promise<void> {
  const destinationConnectionId = input.destination.connectionId;
  const keys = [...writes.map((w) => w.keys), ...kept.map((k) => k.keys)];
  if (keys.length === 0) return;
  await input.state.recordIntents(
    keys.map((k) => ({
      ruleId: input.ruleId,
      destinationConnectionId,
      identityKey: k.identityKey,
      contentKey: k.contentKey,
      tag: k.tag,
      dataType,
    })),
  );
  for (const k of kept) {
    page.done.push({
      identityKey: k.keys.identityKey,
      destinationConnectionId,
      destinationId: k.destinationId,
    });
  }
  if (writes.length > 0) await writeWithIntents(input, dataType, writes, page.results, page.done);
}

/** The intent protocol of DESIGN §5 after step 1 (writeSettled): tagged write, then done (at commit). */
async function writeWithIntents(
  input: SyncRunInput,
  dataType: DataType,
  planned: readonly PlannedWrite[],
  results: RunItemResult[],
  done: ProcessedPage['done'],
): Promise<void> {
  const destination = input.destination;

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
    const code =
      result.status === 'written'
        ? (write.writtenCode ?? 'SW_ITEM_WRITTEN')
        : 'SW_ITEM_DUPLICATE_AT_DESTINATION';
    const warnings = result.status === 'written' ? warningMessage(result.warnings) : undefined;
    results.push(itemResult(dataType, externalId, 'written', code, result.destinationId, warnings));
  });
}
