import type { CanonicalRecord, DataType, ProviderId, TimeRange } from '@syncwell/core';

/** One connection's records for a window, read live from the provider and dropped after use. */
export interface ConnectionRecords {
  readonly connectionId: string;
  readonly provider: ProviderId;
  readonly records: readonly CanonicalRecord[];
}

/**
 * Where weekly summaries read from: the user's connected sources, through the same provider
 * clients as a sync, implemented by the server. Reads are ephemeral: nothing read is stored.
 *
 * Deliberately absent: writes and caching. A summary is recomputed whenever it is asked for.
 *
 * @example
 *   const read = await source.readRecords(userId, ['daily_activity', 'sleep'], { from, to });
 */
export interface SummarySource {
  /** The user's IANA time zone (their weeks start at local midnight on Monday). */
  timeZoneOf(userId: string): Promise<string>;
  /** Every active connection that can read any of these types; a failing one is left out. */
  readRecords(userId: string, dataTypes: readonly DataType[], range: TimeRange): Promise<ConnectionRecords[]>;
}
