import { z } from 'zod';

/**
 * The incremental cursor of session types (exercise, sleep): the newest session time already
 * read, plus Google's `pageToken` and the newest time seen so far while a read spans pages.
 * Opaque to the engine; an unreadable one restarts from the beginning instead of sticking.
 */
const sessionCursor = z.object({
  after: z.string().nullable(),
  pageToken: z.string().optional(),
  newest: z.string().optional(),
});
export type SessionCursor = z.infer<typeof sessionCursor>;

export function parseSessionCursor(text: string | null): SessionCursor {
  if (text === null) return { after: null };
  try {
    const parsed = sessionCursor.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { after: null };
  } catch {
    return { after: null };
  }
}

export function formatSessionCursor(cursor: SessionCursor): string {
  return JSON.stringify(cursor);
}

/** The later of two optional ISO instants. */
export function laterIso(a: string | undefined | null, b: string | undefined | null): string | undefined {
  if (a === undefined || a === null) return b ?? undefined;
  if (b === undefined || b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
