import {
  ProviderError,
  SyncWellError,
  type CanonicalRecord,
  type ConflictDescriptor,
  type DataProvider,
  type ErrorCode,
  type ProviderSession,
} from '@syncwell/core';
import { ruleBasedMergeAdvisor, type ConflictPair, type MergeSuggestion } from '@syncwell/insights';
import { budgetProvider } from '../../budgets/budgeted-provider.js';
import { ConnectionSession, RefreshRegistry } from '../../connections/connection-session.js';
import type { ConnectionRow } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { recordFields, type RecordField } from './record-fields.js';

export interface ConflictVersion {
  readonly provider: string;
  /** Null when read; else why not (gone at the provider, connection needs the user, provider down). */
  readonly unavailableCode: string | null;
  readonly fields: RecordField[];
}

export interface ConflictVersions {
  readonly source: ConflictVersion;
  readonly destination: ConflictVersion;
  /** The merge suggestion beside both versions ("ask me", DESIGN §5); null when a side was not read. */
  readonly suggestion: MergeSuggestion | null;
  /** `service`: the insights service answered; `fallback`: it was slow, down or absent, the rules did. */
  readonly suggestedBy: 'service' | 'fallback' | null;
}

interface ReadVersion {
  readonly version: ConflictVersion;
  readonly record: CanonicalRecord | null;
}

/** A record overlapping the slot may start this long before it (a long ride, a night's sleep). */
const LOOK_BEFORE_MS = 12 * 60 * 60 * 1000;
/** Pages to read at most per side: a slot holds a handful of records. */
const MAX_PAGES = 5;
// Deleted at the provider since the conflict was found (or out of this token's reach).
const GONE: ErrorCode = 'SW_NOT_FOUND';

/**
 * Both records of a conflict, read live from their providers for this one answer (DESIGN §5:
 * conflicts are stored as descriptors; the app shows values by fetching both sides). Reads go
 * through the same sessions (token refresh, single flight) and shared rate budgets as the
 * worker. Null when a connection of the rule is gone. Nothing read here is stored or logged.
 */
export async function readConflictVersions(
  ctx: RouteContext,
  conflict: ConflictDescriptor,
  userId: string,
): Promise<ConflictVersions | null> {
  const rule = await ctx.store.getRule(conflict.ruleId, userId);
  if (rule === null) return null;
  const [source, destination] = await Promise.all([
    ctx.store.getConnection(rule.sourceConnectionId, userId),
    ctx.store.getConnection(rule.destinationConnectionId, userId),
  ]);
  if (source === null || destination === null) return null;
  const [sourceRead, destinationRead] = await Promise.all([
    readOne(ctx, source, conflict, conflict.sourceExternalId),
    readOne(ctx, destination, conflict, conflict.destinationId),
  ]);
  const versions = { source: sourceRead.version, destination: destinationRead.version };
  if (sourceRead.record === null || destinationRead.record === null)
    return { ...versions, suggestion: null, suggestedBy: null };
  const pair = {
    dataType: conflict.dataType,
    source: sourceRead.record,
    destination: destinationRead.record,
  };
  return { ...versions, ...(await suggestionFor(ctx, pair)) };
}

/** The insights service's advice, or the rule-based advisor's when it cannot answer in time. */
async function suggestionFor(
  ctx: RouteContext,
  pair: ConflictPair,
): Promise<Pick<ConflictVersions, 'suggestion' | 'suggestedBy'>> {
  if (ctx.insights !== undefined) {
    try {
      return { suggestion: await ctx.insights.client.suggestMerge(pair), suggestedBy: 'service' };
    } catch {
      // Slow or down (the client's timeout and breaker decided): the rules answer instead.
    }
  }
  return { suggestion: ruleBasedMergeAdvisor.suggest(pair), suggestedBy: 'fallback' };
}

async function readOne(
  ctx: RouteContext,
  connection: ConnectionRow,
  conflict: ConflictDescriptor,
  externalId: string,
): Promise<ReadVersion> {
  const unavailable = (code: string): ReadVersion => ({
    version: { provider: connection.provider, unavailableCode: code, fields: [] },
    record: null,
  });
  const bundle = ctx.providers.get(connection.provider);
  if (bundle === undefined) return unavailable('SW_PROVIDER_NOT_CONFIGURED');
  if (connection.status !== 'active') return unavailable('SW_CONNECTION_NOT_READY');
  const session = new ConnectionSession(connection, {
    store: ctx.store,
    vault: ctx.vault,
    oauth: bundle.oauth,
    refreshMarginMs: 5 * 60_000,
    refreshes: ctx.liveReads?.refreshes ?? new RefreshRegistry(),
    ...(ctx.liveReads?.coordination === undefined ? {} : { locks: ctx.liveReads.coordination }),
  });
  const provider =
    ctx.liveReads?.coordination === undefined
      ? bundle.data
      : budgetProvider(bundle.data, {
          rateLimiter: ctx.liveReads.coordination.rateLimiter,
          account: connection.id,
        });
  try {
    const record = await findRecord(provider, session, conflict, externalId);
    return record === null
      ? unavailable(GONE)
      : {
          version: { provider: connection.provider, unavailableCode: null, fields: recordFields(record) },
          record,
        };
  } catch (error) {
    if (error instanceof ProviderError || error instanceof SyncWellError) return unavailable(error.code);
    return unavailable('SW_PROVIDER_UNAVAILABLE');
  }
}

async function findRecord(
  provider: DataProvider,
  session: ProviderSession,
  conflict: ConflictDescriptor,
  externalId: string,
): Promise<CanonicalRecord | null> {
  const range = { from: new Date(conflict.range.from.getTime() - LOOK_BEFORE_MS), to: conflict.range.to };
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const read = await provider.read(session, { dataType: conflict.dataType, cursor, range });
    for (const item of read.items) {
      if (item.ok && item.record.provenance.externalId === externalId) return item.record;
    }
    if (!read.hasMore || read.nextCursor === null) return null;
    cursor = read.nextCursor;
  }
  return null;
}
