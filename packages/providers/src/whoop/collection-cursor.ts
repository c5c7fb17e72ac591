import { z } from 'zod';

/**
 * Our cursor for one WHOOP collection, stored as JSON. WHOOP pages newest-first with
 * `next_token`, and filters by start time, so an incremental walk is "everything starting at or
 * after `since`", followed page by page. While walking we remember the newest start seen (`top`)
 * and the oldest start that is not final yet (`pin`: PENDING_SCORE or a running cycle). When the
 * walk ends, `since` moves to `pin` (so late scoring is re-read) or else just past `top`.
 */
export interface WhoopCursor {
  readonly since: string | null;
  readonly next?: string | undefined;
  readonly top?: number | undefined;
  readonly pin?: number | undefined;
}

const stored = z.object({
  since: z.string().nullable(),
  next: z.string().optional(),
  top: z.number().optional(),
  pin: z.number().optional(),
});

/** An unreadable cursor restarts from scratch rather than failing every run. */
export function parseCursor(text: string | null): WhoopCursor {
  if (text === null) return { since: null };
  try {
    const parsed = stored.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { since: null };
  } catch {
    return { since: null };
  }
}

export function encodeCursor(cursor: WhoopCursor): string {
  return JSON.stringify(cursor);
}

/** A record still pending after this long is treated as final-as-is, so it cannot pin forever. */
export const PIN_GIVE_UP_MS = 3 * 86_400_000;

/** The cursor to store when a walk has no further page. */
export function finishWalk(cursor: WhoopCursor, nowMs: number): WhoopCursor {
  const pin = cursor.pin !== undefined && nowMs - cursor.pin < PIN_GIVE_UP_MS ? cursor.pin : undefined;
  if (pin !== undefined) return { since: new Date(pin).toISOString() };
  if (cursor.top !== undefined) return { since: new Date(cursor.top + 1).toISOString() };
  return { since: cursor.since };
}
