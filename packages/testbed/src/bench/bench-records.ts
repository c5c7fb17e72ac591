import type { CanonicalRecord, DataType, ProviderId } from '@syncwell/core';

/** Day 0 of every benchmark account; cursors count days from here. */
const EPOCH_MS = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

export interface BenchRecordsRequest {
  readonly provider: ProviderId;
  /** The source account; part of every external id, so two accounts never share a record. */
  readonly externalUserId: string;
  readonly dataType: DataType;
  /** Days since 2026-01-01 of the first record. */
  readonly firstDay: number;
  readonly count: number;
}

/**
 * `count` consecutive local days of one data type, valid per core's zod schemas. The values
 * are deterministic in the day (a retried read returns the same records), and the external id
 * is account + type + day, so each new cursor position brings records the ledger has not seen.
 * Only daily_activity and heart_rate are produced: the types whose write unit is one day.
 */
export function benchRecords(request: BenchRecordsRequest): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (let i = 0; i < request.count; i++) {
    const day = request.firstDay + i;
    const date = new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
    const provenance = {
      provider: request.provider,
      externalId: `${request.externalUserId}-${request.dataType}-${date}`,
    };
    if (request.dataType === 'heart_rate') {
      records.push({
        type: 'heart_rate',
        provenance,
        date,
        utcOffsetMinutes: 60,
        samples: hourlyHeartRate(day),
      });
      continue;
    }
    records.push({
      type: 'daily_activity',
      provenance,
      date,
      utcOffsetMinutes: 60,
      steps: { value: 4_000 + ((day * 7_919) % 9_000), unit: '{steps}' },
      distance: { value: 3_000 + ((day * 3_571) % 7_000), unit: 'm' },
      activeEnergy: { value: 250 + ((day * 131) % 500), unit: 'kcal' },
      restingHeartRate: { value: 50 + (day % 15), unit: '/min' },
    });
  }
  return records;
}

/** One sample per hour of the local day (offset +01:00, so the UTC day starts at 23:00 the day before). */
function hourlyHeartRate(day: number): { time: string; bpm: number }[] {
  const start = EPOCH_MS + day * DAY_MS - 3_600_000;
  return Array.from({ length: 24 }, (_, hour) => ({
    time: new Date(start + hour * 3_600_000).toISOString(),
    bpm: 55 + ((day + hour * 13) % 60),
  }));
}

/** The day a cursor or a range start stands for. */
export function dayOf(cursor: string | null, rangeFrom?: Date): number {
  if (rangeFrom !== undefined) return Math.floor((rangeFrom.getTime() - EPOCH_MS) / DAY_MS);
  if (cursor === null) return 0;
  const day = Number.parseInt(cursor, 10);
  return Number.isSafeInteger(day) && day >= 0 ? day : 0;
}
