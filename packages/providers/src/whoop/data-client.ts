import { systemClock } from '@syncwell/core';
import {
  ProviderError,
  type DataProvider,
  type DataType,
  type ProviderSession,
  type ReadItem,
  type ReadPage,
  type ReadRequest,
  type WriteItem,
  type WriteResult,
} from '@syncwell/core';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import type { HttpReply } from '../http/http-types.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { encodeCursor, finishWalk, parseCursor, type WhoopCursor } from './collection-cursor.js';
import { whoopFacts } from './facts.js';
import { WHOOP_COLLECTIONS, type WhoopCollection } from './whoop-collections.js';
import { whoopPage } from './schemas.js';

export interface WhoopDataClientOptions {
  readonly apiBaseUrl: string;
  /** Records per page; WHOOP's maximum (and our default) is 25. */
  readonly pageSize?: number;
  readonly now?: () => Date;
}

/**
 * WHOOP v2 collections (workouts, sleep, cycles + recovery). Read-only: WHOOP has no write API.
 * Each `read` is one page of one collection; see `collection-cursor.ts` for how the cursor keeps
 * not-yet-scored records coming back until they are final.
 */
export class WhoopDataClient implements DataProvider {
  readonly facts = whoopFacts;
  private readonly pageSize: number;
  private readonly now: () => Date;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: WhoopDataClientOptions,
  ) {
    this.pageSize = Math.min(25, Math.max(1, options.pageSize ?? 25));
    this.now = options.now ?? systemClock.now;
  }

  async read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    const collection = collectionFor(request.dataType);
    const cursor = parseCursor(request.cursor);
    const range = request.range;
    const url = joinUrl(this.options.apiBaseUrl, collection.path);
    url.searchParams.set('limit', String(this.pageSize));
    const from = range?.from.toISOString() ?? cursor.since;
    if (from !== null) url.searchParams.set('start', from);
    if (range !== undefined) url.searchParams.set('end', range.to.toISOString());
    if (cursor.next !== undefined) url.searchParams.set('nextToken', cursor.next);

    const page = readJsonAs(await this.get(session, url), whoopPage, `WHOOP ${collection.path}`);
    const fromMs = from === null ? Number.NEGATIVE_INFINITY : Date.parse(from);
    const toMs = range === undefined ? Number.POSITIVE_INFINITY : range.to.getTime();
    const items: ReadItem[] = [];
    let { top, pin } = cursor;
    const mapped = await collection.mapPage(page.records, (path) =>
      this.get(session, joinUrl(this.options.apiBaseUrl, path), [404]),
    );
    for (const entry of mapped) {
      if (entry.startMs !== undefined) {
        // WHOOP may also return records that merely intersect the window: keep starts inside it.
        if (entry.startMs < fromMs || entry.startMs >= toMs) continue;
        top = top === undefined ? entry.startMs : Math.max(top, entry.startMs);
        const unsettled =
          entry.mapping.kind === 'pending' || (entry.mapping.kind === 'record' && !entry.mapping.final);
        if (unsettled) pin = pin === undefined ? entry.startMs : Math.min(pin, entry.startMs);
      }
      if (entry.mapping.kind === 'record') items.push({ ok: true, record: entry.mapping.record });
      else if (entry.mapping.kind === 'invalid')
        items.push({
          ok: false,
          externalId: entry.externalId,
          code: 'SW_ITEM_INVALID_PAYLOAD',
          message: entry.mapping.message,
        });
    }
    const next = page.next_token ?? undefined;
    const walking: WhoopCursor = {
      since: cursor.since,
      ...(top === undefined ? {} : { top }),
      ...(pin === undefined ? {} : { pin }),
    };
    if (next !== undefined && next !== '') {
      return { items, nextCursor: encodeCursor({ ...walking, next }), hasMore: true };
    }
    // A range read (backfill chunk) leaves the incremental cursor alone.
    if (range !== undefined) return { items, nextCursor: null, hasMore: false };
    return { items, nextCursor: encodeCursor(finishWalk(walking, this.now().getTime())), hasMore: false };
  }

  /** WHOOP's API is read-only: every write is refused per item. */
  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(
        () =>
          ({
            status: 'failed',
            code: 'SW_ITEM_UNSUPPORTED_TYPE',
            message: 'WHOOP offers no write API',
          }) as const,
      ),
    );
  }

  private get(session: ProviderSession, url: URL, allowStatuses?: readonly number[]): Promise<HttpReply> {
    return withAuthRetry(session, (token) =>
      this.http.send({
        method: 'GET',
        url,
        headers: bearer(token),
        ...(allowStatuses ? { allowStatuses } : {}),
      }),
    );
  }
}

function collectionFor(dataType: DataType): WhoopCollection {
  const collection = WHOOP_COLLECTIONS[dataType];
  if (collection === undefined) {
    throw new ProviderError('SW_ITEM_UNSUPPORTED_TYPE', `WHOOP ${dataType} is not read by SyncWell`);
  }
  return collection;
}
