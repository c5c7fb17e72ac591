/**
 * The incremental cursor of the `lastupdate` list actions. Withings returns items modified at or
 * after `lastupdate`, paged by `offset` while `more` is 1. Items modified in the very second the
 * cursor stands on come back on the next read, so their ids travel with it and are not
 * delivered twice.
 */
export interface ListCursor {
  /** `lastupdate` of the read in progress (epoch seconds). */
  readonly lu: number;
  /** Ids modified exactly at `lu` that were already delivered. */
  readonly skip: readonly string[];
  /** Offset of the next page; 0 when a new read starts. */
  readonly off: number;
  /** Newest `modified` seen so far in this read, and the ids modified then. */
  readonly max: number;
  readonly atMax: readonly string[];
}

export const START_CURSOR: ListCursor = { lu: 0, skip: [], off: 0, max: 0, atMax: [] };

export function parseListCursor(text: string | null): ListCursor {
  if (text === null) return START_CURSOR;
  try {
    const value = JSON.parse(text) as Partial<ListCursor>;
    if (typeof value.lu !== 'number' || typeof value.off !== 'number') return START_CURSOR;
    return {
      lu: value.lu,
      skip: Array.isArray(value.skip) ? value.skip.map(String) : [],
      off: value.off,
      max: typeof value.max === 'number' ? value.max : value.lu,
      atMax: Array.isArray(value.atMax) ? value.atMax.map(String) : [],
    };
  } catch {
    // An unreadable cursor restarts from the beginning rather than never advancing.
    return START_CURSOR;
  }
}

/** Records that `id` was modified at `modified` in the current read. */
export function observe(cursor: ListCursor, id: string, modified: number): ListCursor {
  if (modified > cursor.max) return { ...cursor, max: modified, atMax: [id] };
  if (modified === cursor.max && !cursor.atMax.includes(id))
    return { ...cursor, atMax: [...cursor.atMax, id] };
  return cursor;
}

export function alreadyDelivered(cursor: ListCursor, id: string, modified: number): boolean {
  return modified === cursor.lu && cursor.skip.includes(id);
}

/** After the last page: the next read starts from the newest modification seen. */
export function finishRead(cursor: ListCursor): ListCursor {
  if (cursor.max < cursor.lu) return { ...cursor, off: 0 };
  const skip = cursor.max === cursor.lu ? [...new Set([...cursor.skip, ...cursor.atMax])] : cursor.atMax;
  return { lu: cursor.max, skip, off: 0, max: cursor.max, atMax: [] };
}
