import type { CanonicalRecord, ProviderSession, ReadItem, ReadPage, ReadRequest } from '@syncwell/core';
import type { z } from 'zod';
import { utcIso } from './google-time.js';
import { timeFilter, type DataPointLister } from './data-point-query.js';
import type { Mapped } from './mapping.js';
import { pointId } from './mapping.js';
import { formatSessionCursor, laterIso, parseSessionCursor } from './session-cursor.js';

export interface SessionKind<S extends z.ZodType> {
  readonly type: 'exercise' | 'sleep';
  readonly schema: S;
  readonly map: (point: z.infer<S>) => Mapped<CanonicalRecord>;
  /** The time the list is filtered and the cursor advanced on, read from the raw point. */
  readonly keyTime: (raw: unknown) => string | undefined;
}

/**
 * Reads one page of a session type. Incremental reads ask for sessions after the newest one
 * already seen (Google offers no "changed since"); late uploads of older sessions reach us
 * through subscriber notifications, whose intervals become range reads.
 */
export async function readSessionPage<S extends z.ZodType>(
  lister: DataPointLister,
  session: ProviderSession,
  request: ReadRequest,
  kind: SessionKind<S>,
  pageSize: number,
): Promise<ReadPage> {
  const cursor = parseSessionCursor(request.cursor);
  const window =
    request.range === undefined
      ? cursor.after === null
        ? {}
        : { after: { iso: cursor.after, inclusive: false } }
      : {
          after: { iso: request.range.from.toISOString(), inclusive: true },
          before: request.range.to.toISOString(),
        };
  const page = await lister.page(session, kind.type, {
    filter: timeFilter(kind.type, window),
    pageSize,
    pageToken: cursor.pageToken,
  });
  let newest = cursor.newest;
  const items: ReadItem[] = page.points.map((raw) => {
    newest = laterIso(newest, kind.keyTime(raw));
    const parsed = kind.schema.safeParse(raw);
    const mapped: Mapped<CanonicalRecord> = parsed.success
      ? kind.map(parsed.data)
      : { ok: false, message: `${kind.type} data point failed validation` };
    return mapped.ok
      ? { ok: true, record: mapped.record }
      : { ok: false, externalId: rawId(raw), code: 'SW_ITEM_INVALID_PAYLOAD', message: mapped.message };
  });
  if (page.nextPageToken !== undefined && page.nextPageToken !== '') {
    const next = {
      after: cursor.after,
      pageToken: page.nextPageToken,
      ...(newest === undefined ? {} : { newest }),
    };
    return { items, nextCursor: formatSessionCursor(next), hasMore: true };
  }
  if (request.range !== undefined) return { items, nextCursor: null, hasMore: false };
  const after = laterIso(cursor.after, newest) ?? null;
  return {
    items,
    nextCursor: after === cursor.after ? null : formatSessionCursor({ after }),
    hasMore: false,
  };
}

/** `interval.<field>` of a raw session point, as a canonical UTC ISO string. */
export function rawIntervalTime(key: 'exercise' | 'sleep', field: 'startTime' | 'endTime') {
  return (raw: unknown): string | undefined => {
    const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
    const interval =
      typeof body === 'object' && body !== null ? (body as { interval?: unknown }).interval : undefined;
    const value =
      typeof interval === 'object' && interval !== null
        ? (interval as Record<string, unknown>)[field]
        : undefined;
    return typeof value === 'string' ? utcIso(value) : undefined;
  };
}

function rawId(raw: unknown): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return (typeof name === 'string' ? pointId(name) : undefined) ?? 'unknown';
}
