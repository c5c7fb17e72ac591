import type { CanonicalRecord, ReadItem, TimeRange } from '@syncwell/core';
import type { Mapped } from './mapping.js';
import { localDayStartMs } from './offset-time.js';

/** Every record Oura yields; HRV and SpO2 days are canonical records like the rest. */
export type OuraRecord = CanonicalRecord;

export interface MappedRecord {
  readonly id: string;
  readonly day: string;
  readonly mapped: Mapped<OuraRecord>;
}

export function toReadItem(m: MappedRecord): ReadItem {
  return m.mapped.ok
    ? { ok: true, record: m.mapped.record }
    : { ok: false, externalId: m.id, code: 'SW_ITEM_INVALID_PAYLOAD', message: m.mapped.message };
}

/**
 * Where a record sits on the time line for range reads: sessions by their start, day records by
 * the start of their local day (so adjacent backfill chunks never both claim a day), a daily SpO2
 * average by the instant it was placed at.
 */
export function recordInstantMs(record: OuraRecord): number {
  switch (record.type) {
    case 'workout':
    case 'sleep':
      return Date.parse(record.startTime);
    case 'body_measurement':
      return Date.parse(record.time);
    case 'spo2':
      return Date.parse(record.samples[0]?.time ?? `${record.date}T12:00:00Z`);
    case 'daily_activity':
    case 'heart_rate':
    case 'hrv':
      return localDayStartMs(record.date, record.utcOffsetMinutes);
  }
}

export function inRange(record: OuraRecord, range: TimeRange): boolean {
  const at = recordInstantMs(record);
  return at >= range.from.getTime() && at < range.to.getTime();
}
