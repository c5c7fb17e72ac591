/**
 * Reads an HTTP `Retry-After` header (delta-seconds or an HTTP date) as milliseconds from `now`.
 * Returns undefined when absent or unreadable, so callers can fall back to a provider fact.
 */
export function parseRetryAfterHeader(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Milliseconds until the next wall-clock boundary of `windowSeconds` (UTC-aligned windows). */
export function msUntilAlignedWindowEnd(now: Date, windowSeconds: number): number {
  const windowMs = windowSeconds * 1000;
  const elapsed = now.getTime() % windowMs;
  return windowMs - elapsed;
}
