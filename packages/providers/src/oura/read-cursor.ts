import type { ReadRequest } from '@syncwell/core';
import { z } from 'zod';
import { addDays, utcDay } from './offset-time.js';

/**
 * Oura filters by local `day` only and has no "changed since" parameter, so an incremental read
 * re-reads from a day a little before the last run: late ring syncs land there, and daily totals
 * and sleeps keep growing for a while (DESIGN §8). Workouts are not re-delivered: the cursor keeps
 * the ids seen inside that window. Ids and days only: no health value ever enters a cursor.
 */
export const LOOKBACK_DAYS = 2;

const cursorSchema = z.object({
  v: z.literal(1),
  /** First local day the next incremental read asks for. */
  since: z.iso.date().optional(),
  /** `day id` of workouts already delivered whose day is on or after `since`. */
  seen: z.array(z.string()).max(5000).optional(),
  /** An unfinished query: Oura's `next_token` and the window it belongs to. */
  page: z.object({ token: z.string().min(1), start: z.iso.date(), end: z.iso.date() }).optional(),
});
export type OuraCursor = z.infer<typeof cursorSchema>;

/** An unreadable cursor starts over instead of never advancing. */
export function decodeCursor(text: string | null): OuraCursor {
  if (text === null) return { v: 1 };
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { v: 1 };
  } catch {
    return { v: 1 };
  }
}

export const encodeCursor = (cursor: OuraCursor): string => JSON.stringify(cursor);

export interface DayWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * The `start_date`/`end_date` window of a read. Local days can sit a day either side of the UTC
 * day, so range reads are padded by a day and filtered exactly afterwards.
 */
export function windowOf(
  request: ReadRequest,
  cursor: OuraCursor,
  now: Date,
  initialDays: number,
): DayWindow {
  if (cursor.page !== undefined) return { start: cursor.page.start, end: cursor.page.end };
  const today = utcDay(now.getTime());
  if (request.range !== undefined) {
    return {
      start: addDays(utcDay(request.range.from.getTime()), -1),
      end: addDays(utcDay(request.range.to.getTime() - 1), 1),
    };
  }
  return { start: cursor.since ?? addDays(today, -initialDays), end: addDays(today, 1) };
}

/** The cursor after the last page of an incremental read: the next one starts a little back. */
export function finishedCursor(now: Date, seen: readonly string[]): OuraCursor {
  const since = addDays(utcDay(now.getTime()), -LOOKBACK_DAYS);
  const kept = seen.filter((entry) => entry.slice(0, 10) >= since);
  return { v: 1, since, ...(kept.length === 0 ? {} : { seen: [...new Set(kept)] }) };
}
