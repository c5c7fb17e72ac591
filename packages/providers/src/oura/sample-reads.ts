import type { ProviderSession, ReadItem, ReadPage, ReadRequest } from '@syncwell/core';
import type { OuraCollectionReader } from './collection-reader.js';
import type { Mapped } from './mapping.js';
import { localDayStartMs } from './offset-time.js';
import { encodeCursor, finishedCursor, type DayWindow } from './read-cursor.js';
import { inRange, toReadItem, type OuraRecord } from './read-items.js';
import { ouraHeartRate, ouraSleep } from './schemas.js';
import { ouraHeartRateDays, ouraHrvDays } from './vitals-mapping.js';

type DayRecord = Extract<OuraRecord, { date: string }>;

/**
 * Heart rate and HRV become one record per local day, the destination write unit. A day split
 * across two `read` pages would be written twice, each half overwriting the other, so these read
 * every page of their window in one call (windows are a few days incremental, a chunk in backfill).
 */
export class OuraSampleReads {
  constructor(private readonly reader: OuraCollectionReader) {}

  /** `heartrate` takes date-times, not days; a window's first, partial local day is left out. */
  async heartRate(
    session: ProviderSession,
    request: ReadRequest,
    window: DayWindow,
    now: Date,
  ): Promise<ReadPage> {
    const startIso = `${window.start}T00:00:00+00:00`;
    const endIso = request.range === undefined ? now.toISOString() : `${window.end}T00:00:00+00:00`;
    const { items, failures } = await this.reader.all(session, 'heartrate', ouraHeartRate, {
      start_datetime: startIso,
      end_datetime: endIso,
    });
    return this.page(request, now, Date.parse(startIso), failures, ouraHeartRateDays(items));
  }

  /** HRV (RMSSD) comes inside sleep documents, grouped by the sleep's `day`. */
  async hrv(session: ProviderSession, request: ReadRequest, window: DayWindow, now: Date): Promise<ReadPage> {
    const { items, failures } = await this.reader.all(session, 'sleep', ouraSleep, {
      start_date: window.start,
      end_date: window.end,
    });
    return this.page(request, now, Number.NEGATIVE_INFINITY, failures, ouraHrvDays(items));
  }

  private page(
    request: ReadRequest,
    now: Date,
    completeFromMs: number,
    failures: readonly ReadItem[],
    days: readonly Mapped<DayRecord>[],
  ): ReadPage {
    const items: ReadItem[] = [...failures];
    for (const mapped of days) {
      if (mapped.ok) {
        const dayStart = localDayStartMs(mapped.record.date, mapped.record.utcOffsetMinutes);
        if (dayStart < completeFromMs) continue;
        if (request.range !== undefined && !inRange(mapped.record, request.range)) continue;
      }
      items.push(
        toReadItem({ id: mapped.ok ? mapped.record.provenance.externalId : 'unknown', day: '', mapped }),
      );
    }
    return {
      items,
      nextCursor: request.range === undefined ? encodeCursor(finishedCursor(now, [])) : null,
      hasMore: false,
    };
  }
}
