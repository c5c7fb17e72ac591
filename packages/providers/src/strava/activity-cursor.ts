import type { TimeRange } from '@syncwell/core';

/**
 * Where a read of `/athlete/activities` stands. Committed between runs it is a plain epoch
 * (`"1732530000"`: the newest start seen); while paging it also carries the page and the newest
 * start seen so far, so the epoch only advances once the last page is done.
 */
export interface ActivityPosition {
  readonly after: number;
  readonly before?: number;
  readonly page: number;
  readonly newest: number;
}

const PAGE_PREFIX = 'page:';

export function positionFromCursor(cursor: string | null, range: TimeRange | undefined): ActivityPosition {
  if (range !== undefined) {
    const after = Math.ceil(range.from.getTime() / 1000) - 1;
    const before = Math.ceil(range.to.getTime() / 1000);
    const resumed = decodePage(cursor);
    // A page token of another window (or the rule's incremental cursor) does not apply here.
    const page = resumed?.after === after && resumed.before === before ? resumed.page : 1;
    return { after, before, page, newest: after };
  }
  const resumed = decodePage(cursor);
  if (resumed !== undefined) return resumed;
  const epoch = cursor === null ? 0 : Number(cursor);
  const after = Number.isSafeInteger(epoch) && epoch > 0 ? epoch : 0;
  return { after, page: 1, newest: after };
}

export function encodePageCursor(position: ActivityPosition): string {
  return PAGE_PREFIX + JSON.stringify(position);
}

function decodePage(cursor: string | null): ActivityPosition | undefined {
  if (cursor?.startsWith(PAGE_PREFIX) !== true) return undefined;
  try {
    const value = JSON.parse(cursor.slice(PAGE_PREFIX.length)) as Partial<ActivityPosition>;
    const { after, before, page, newest } = value;
    if (typeof after !== 'number' || typeof page !== 'number' || typeof newest !== 'number') return undefined;
    return { after, page, newest, ...(typeof before === 'number' ? { before } : {}) };
  } catch {
    return undefined;
  }
}
