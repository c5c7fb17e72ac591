import type { ProviderSession, ReadItem, ReadPage, ReadRequest } from '@syncwell/core';
import { ProviderError } from '@syncwell/core';
import { WITHINGS_PATHS } from './facts.js';
import { intradayToHeartRate } from './mapping.js';
import { withingsIntradayBody, withingsMeasureBody } from './schemas.js';
import { localMidnightMs, offsetMinutesAt, ymdAt } from './timezone.js';
import { withWithingsAuth, type WithingsApi } from './withings-api.js';

/** The heart-rate cursor: the local day to read next, in the user's zone. */
interface DayCursor {
  readonly day: string;
  readonly tz: string;
}

const DAY_MS = 86_400_000;
const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * Intraday heart rate, one local day per page: `getintradayactivity` has no `lastupdate` and a
 * ~24 h range limit [U], and the canonical unit is one local day. Intraday answers carry no
 * timezone, so the user's zone is learned once from `getmeas` (its body names it) and kept in
 * the cursor. Today is re-read until it is over; the record is overwritten by day.
 */
export async function readHeartRatePage(
  api: WithingsApi,
  session: ProviderSession,
  request: ReadRequest,
  now: () => Date,
): Promise<ReadPage> {
  const nowMs = now().getTime();
  const range = request.range;
  const cursor =
    parseDayCursor(request.cursor) ??
    (await firstDay(api, session, range?.from.getTime() ?? nowMs - DAY_MS, nowMs));
  const fromMs = localMidnightMs(cursor.day, cursor.tz);
  const toMs = localMidnightMs(nextDay(cursor.day), cursor.tz);
  if (fromMs === undefined || toMs === undefined)
    throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', `unknown timezone ${cursor.tz}`);
  const windowFrom = Math.max(fromMs, range?.from.getTime() ?? fromMs);
  const windowTo = Math.min(toMs, range?.to.getTime() ?? toMs, nowMs);
  const items: ReadItem[] = [];
  if (windowTo > windowFrom) {
    const raw = await withWithingsAuth(session, (token) =>
      api.call(
        WITHINGS_PATHS.measureV2,
        'getintradayactivity',
        // `enddate` is inclusive: stop one second before the next local midnight.
        {
          startdate: String(Math.floor(windowFrom / 1000)),
          enddate: String(Math.ceil(windowTo / 1000) - 1),
          data_fields: 'heart_rate',
        },
        token,
      ),
    );
    const parsed = withingsIntradayBody.safeParse(raw);
    if (!parsed.success)
      throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', 'Withings getintradayactivity: unexpected shape', {
        status: 200,
      });
    const series = Array.isArray(parsed.data.series) ? {} : parsed.data.series;
    const offsetMinutes = offsetMinutesAt(cursor.tz, fromMs + DAY_MS / 2) ?? 0;
    const mapped = intradayToHeartRate(series, {
      date: cursor.day,
      fromMs: windowFrom,
      toMs: windowTo,
      offsetMinutes,
    });
    if (mapped.ok === true) items.push({ ok: true, record: mapped.record });
    else if (mapped.ok === false)
      items.push({
        ok: false,
        externalId: `hr-${cursor.day}`,
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: mapped.message,
      });
  }
  const limitMs = Math.min(nowMs, range?.to.getTime() ?? nowMs);
  const dayIsOver = toMs <= nowMs;
  const next: DayCursor =
    dayIsOver || range !== undefined ? { day: nextDay(cursor.day), tz: cursor.tz } : cursor;
  return {
    items,
    nextCursor: JSON.stringify(next),
    hasMore: (dayIsOver || range !== undefined) && toMs < limitMs,
  };
}

async function firstDay(
  api: WithingsApi,
  session: ProviderSession,
  fromMs: number,
  nowMs: number,
): Promise<DayCursor> {
  // A `getmeas` for nothing new is the cheapest call that names the user's timezone.
  const raw = await withWithingsAuth(session, (token) =>
    api.call(
      WITHINGS_PATHS.measure,
      'getmeas',
      { lastupdate: String(Math.floor(nowMs / 1000)), category: '1' },
      token,
    ),
  );
  const parsed = withingsMeasureBody.safeParse(raw);
  const tz = parsed.success && parsed.data.timezone !== undefined ? parsed.data.timezone : 'UTC';
  return { day: ymdAt(fromMs, offsetMinutesAt(tz, fromMs) ?? 0), tz };
}

function parseDayCursor(text: string | null): DayCursor | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<DayCursor>;
    return typeof value.day === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value.day) &&
      typeof value.tz === 'string'
      ? { day: value.day, tz: value.tz }
      : undefined;
  } catch {
    return undefined;
  }
}
