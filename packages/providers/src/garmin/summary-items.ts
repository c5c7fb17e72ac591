import type { DataType, ReadItem } from '@syncwell/core';
import type { z } from 'zod';
import { startsWithin } from './pull-window.js';
import { garminBodyCompToMeasurement, garminSleepToSession } from './health-mapping.js';
import { garminDailyToActivity, garminDailyToHeartRate } from './mapping.js';
import type { Mapped } from './mapping-result.js';
import { garminBodyComp, garminDaily, garminSleep } from './schemas.js';
import type { TimeRange } from '@syncwell/core';

interface SummaryKind<S extends z.ZodType> {
  readonly schema: S;
  readonly startOf: (summary: z.infer<S>) => number;
  readonly map: (summary: z.infer<S>) => Mapped<Extract<ReadItem, { ok: true }>['record']> | null;
}
// Erases the schema type for the table; each entry is type-checked where it is written.
const kind = <S extends z.ZodType>(k: SummaryKind<S>): SummaryKind<z.ZodType> => k;

/** Health summary types: schema, the start time range reads filter on, and the mapping. */
const KINDS: Partial<Record<DataType, SummaryKind<z.ZodType>>> = {
  daily_activity: kind({
    schema: garminDaily,
    startOf: (d) => d.startTimeInSeconds,
    map: garminDailyToActivity,
  }),
  heart_rate: kind({
    schema: garminDaily,
    startOf: (d) => d.startTimeInSeconds,
    map: garminDailyToHeartRate,
  }),
  sleep: kind({ schema: garminSleep, startOf: (s) => s.startTimeInSeconds, map: garminSleepToSession }),
  body_measurement: kind({
    schema: garminBodyComp,
    startOf: (b) => b.measurementTimeInSeconds,
    map: garminBodyCompToMeasurement,
  }),
  // hrv / pulseOx map to HrvSamples / Spo2Samples (health-mapping.ts), which core's
  // CanonicalRecord union does not hold yet; they join here once it does.
};

/**
 * Maps one pulled window of a health summary type. Garmin re-sends a summary under the same
 * `summaryId` as it grows (dailies) or is finalised (sleep), so only the last copy in the window
 * counts; a summary failing its schema becomes a per-record failure and the rest goes on.
 */
export function summaryItems(dataType: DataType, raw: readonly unknown[], filter?: TimeRange): ReadItem[] {
  const summaryKind = KINDS[dataType];
  if (summaryKind === undefined) return [];
  const latest = new Map<string, unknown>();
  raw.forEach((entry, index) => latest.set(rawSummaryId(entry) ?? `#${index}`, entry));
  const items: ReadItem[] = [];
  for (const [externalId, entry] of latest) {
    const parsed = summaryKind.schema.safeParse(entry);
    if (!parsed.success) {
      items.push({
        ok: false,
        externalId,
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: `${dataType} summary failed validation`,
      });
      continue;
    }
    if (!startsWithin(summaryKind.startOf(parsed.data), filter)) continue;
    const mapped = summaryKind.map(parsed.data);
    if (mapped === null) continue;
    items.push(
      mapped.ok
        ? { ok: true, record: mapped.record }
        : { ok: false, externalId, code: 'SW_ITEM_INVALID_PAYLOAD', message: mapped.message },
    );
  }
  return items;
}

export function rawSummaryId(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { summaryId?: unknown }).summaryId : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
