import type { ProviderSession, ReadItem, ReadPage, ReadRequest, TimeRange } from '@syncwell/core';
import { ProviderError } from '@syncwell/core';
import { alreadyDelivered, finishRead, observe, parseListCursor, type ListCursor } from './list-cursor.js';
import type { ListSpec } from './list-specs.js';
import type { Mapped } from './mapping.js';
import { ymdAt } from './timezone.js';
import { withWithingsAuth, type WithingsApi } from './withings-api.js';

/** Maps the selected items of one page; sleep fetches stages here, the rest map synchronously. */
export type PageMapper<T> = (
  session: ProviderSession,
  items: readonly T[],
  body: Record<string, unknown>,
) => Promise<Mapped[]>;

// Range reads ask by local date: widen by the largest UTC offsets so no local day is missed.
const WIDEST_OFFSET_MINUTES = 14 * 60;

/**
 * One page of a `lastupdate`/`offset` list action. Incremental reads carry a `ListCursor`;
 * range reads ask for the window (epoch or local dates, as the action takes them), page with
 * `offset` in the cursor, and keep only items that start inside the window.
 */
export async function readListPage<T>(
  api: WithingsApi,
  session: ProviderSession,
  spec: Omit<ListSpec<T>, 'map'>,
  request: ReadRequest,
  mapPage: PageMapper<T>,
): Promise<ReadPage> {
  const range = request.range;
  let cursor: ListCursor = parseListCursor(request.cursor);
  const params: Record<string, string> = {
    ...spec.extraParams,
    ...(range === undefined ? { lastupdate: String(cursor.lu) } : rangeParams(spec, range)),
  };
  if (cursor.off > 0) params.offset = String(cursor.off);
  const raw = await withWithingsAuth(session, (token) => api.call(spec.path, spec.action, params, token));
  const parsedBody = spec.body.safeParse(raw);
  if (!parsedBody.success)
    throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', `Withings ${spec.action}: unexpected shape`, {
      status: 200,
    });
  const body = raw as Record<string, unknown>;
  const failures: ReadItem[] = [];
  const selected: T[] = [];
  for (const entry of spec.listOf(body)) {
    const parsed = spec.item.safeParse(entry);
    if (!parsed.success) {
      failures.push({
        ok: false,
        externalId: rawId(entry),
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: `${spec.action} item failed validation`,
      });
      continue;
    }
    const item = parsed.data;
    if (range === undefined) {
      const id = spec.idOf(item);
      const modified = spec.modifiedOf(item);
      if (alreadyDelivered(cursor, id, modified)) continue;
      cursor = observe(cursor, id, modified);
      selected.push(item);
    } else {
      const startMs = spec.startMsOf(item, body);
      if (startMs >= range.from.getTime() && startMs < range.to.getTime()) selected.push(item);
    }
  }
  const mapped = await mapPage(session, selected, body);
  const items: ReadItem[] = [...failures];
  mapped.forEach((result, index) => {
    const item = selected[index] as T;
    if (result.ok === 'skip') return;
    items.push(
      result.ok
        ? { ok: true, record: result.record }
        : {
            ok: false,
            externalId: spec.idOf(item),
            code: 'SW_ITEM_INVALID_PAYLOAD',
            message: result.message,
          },
    );
  });
  const more = parsedBody.data.more === true || parsedBody.data.more === 1;
  const nextOffset = parsedBody.data.offset ?? cursor.off + spec.listOf(body).length;
  const next = more ? { ...cursor, off: nextOffset } : finishRead(cursor);
  return { items, nextCursor: JSON.stringify(next), hasMore: more };
}

function rangeParams<T>(spec: Omit<ListSpec<T>, 'map'>, range: TimeRange): Record<string, string> {
  if (spec.range === 'epoch') {
    return {
      startdate: String(Math.floor(range.from.getTime() / 1000)),
      // `enddate` is inclusive at Withings; our `to` is exclusive.
      enddate: String(Math.ceil(range.to.getTime() / 1000) - 1),
    };
  }
  return {
    startdateymd: ymdAt(range.from.getTime(), -WIDEST_OFFSET_MINUTES),
    enddateymd: ymdAt(range.to.getTime() - 1, WIDEST_OFFSET_MINUTES),
  };
}

function rawId(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return 'unknown';
  const record = raw as Record<string, unknown>;
  const id = record.id ?? record.grpid ?? record.date;
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : 'unknown';
}
