import type { SyncEndpoint } from '../sync/sync-engine.js';
import type { TimeRange } from '../provider/data-provider.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';

/**
 * Every readable record the endpoint holds in a window (range reads take no cursor and page
 * with `nextCursor`). Unreadable items are left out: an unknown record can only make detection
 * miss a counterpart, which then behaves as before detection existed (a write).
 */
export async function readWindow(
  endpoint: SyncEndpoint,
  dataType: DataType,
  range: TimeRange,
  maxPages = 50,
): Promise<CanonicalRecord[]> {
  const records: CanonicalRecord[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const read = await endpoint.provider.read(endpoint.session, { dataType, cursor, range });
    for (const item of read.items) if (item.ok) records.push(item.record);
    if (!read.hasMore || read.nextCursor === null) break;
    cursor = read.nextCursor;
  }
  return records;
}
