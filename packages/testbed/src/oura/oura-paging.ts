/**
 * `next_token` is opaque to clients; here it is the next offset bound to the query it came from,
 * so a token replayed with another window is refused like Oura refuses a stale one.
 */
export function encodeNextToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString('base64url');
}

export function decodeNextToken(token: string, fingerprint: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      q?: unknown;
    };
    return typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.o >= 0 &&
      parsed.q === fingerprint
      ? parsed.o
      : undefined;
  } catch {
    return undefined;
  }
}

/** One page of `items` and the token for the rest (null on the last page). */
export function pageOf<T>(
  items: readonly T[],
  offset: number,
  size: number,
  fingerprint: string,
): { data: T[]; next_token: string | null } {
  const end = offset + size;
  return {
    data: items.slice(offset, end),
    next_token: end < items.length ? encodeNextToken(end, fingerprint) : null,
  };
}
