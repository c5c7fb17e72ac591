import type { CanonicalRecord, ProviderSession, ReadItem, ReadPage, ReadRequest } from '@syncwell/core';
import type { z } from 'zod';
import type { DataPointLister, GoogleDataType } from './data-point-query.js';
import type { Mapped } from './mapping.js';

const DAY_MS = 86_400_000;
/** Local days span UTC−12 … UTC+14: reading from 14 h before UTC midnight covers a whole local day. */
const WIDEST_OFFSET_MS = 14 * 3_600_000;
/** How far back a connection's very first incremental read of a day series looks. */
const FIRST_READ_DAYS = 7;

/**
 * Reads a per-day series (steps → daily activity, heart rate → one day of samples). A day's record
 * is the write unit and is overwritten by day, so a read always covers whole local days: the
 * cursor is the newest local date read, and the next read starts at that date again because
 * its total was still growing (DESIGN §8).
 */
export async function readDailySeries<S extends z.ZodType>(
  lister: DataPointLister,
  session: ProviderSession,
  request: ReadRequest,
  type: GoogleDataType,
  schema: S,
  group: (points: z.infer<S>[]) => Mapped<CanonicalRecord & { date: string }>[],
  now: Date,
): Promise<ReadPage> {
  const fromDate =
    request.range?.from.toISOString().slice(0, 10) ??
    (/^\d{4}-\d{2}-\d{2}$/.test(request.cursor ?? '')
      ? (request.cursor as string)
      : new Date(now.getTime() - FIRST_READ_DAYS * DAY_MS).toISOString().slice(0, 10));
  const toDate = request.range === undefined ? undefined : request.range.to.toISOString().slice(0, 10);
  const after = new Date(Date.parse(`${fromDate}T00:00:00Z`) - WIDEST_OFFSET_MS).toISOString();
  const before =
    toDate === undefined
      ? undefined
      : new Date(Date.parse(`${toDate}T00:00:00Z`) + WIDEST_OFFSET_MS).toISOString();
  const raw = await lister.all(session, type, {
    after: { iso: after, inclusive: true },
    ...(before === undefined ? {} : { before }),
  });
  const valid: z.infer<S>[] = [];
  const items: ReadItem[] = [];
  for (const point of raw) {
    const parsed = schema.safeParse(point);
    if (parsed.success) valid.push(parsed.data);
    else
      items.push({
        ok: false,
        externalId: `${type}-point`,
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: `${type} data point failed validation`,
      });
  }
  let newestDate: string | undefined;
  for (const mapped of group(valid)) {
    if (!mapped.ok) {
      items.push({
        ok: false,
        externalId: `${type}-day`,
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: mapped.message,
      });
      continue;
    }
    const { date } = mapped.record;
    // The widened window also returns the edges of neighbouring days: those stay out.
    if (date < fromDate || (toDate !== undefined && date >= toDate)) continue;
    if (newestDate === undefined || date > newestDate) newestDate = date;
    items.push({ ok: true, record: mapped.record });
  }
  const nextCursor = request.range !== undefined || newestDate === undefined ? null : newestDate;
  return { items, nextCursor, hasMore: false };
}
