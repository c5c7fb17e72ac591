import { orWhenUnavailable } from '../coordination/when-unavailable.js';
import { systemClock } from '@syncwell/core';
import type { Cache } from '../coordination/port.js';
import type { MetadataStore } from '../store/port.js';

export type SessionGateStore = Pick<MetadataStore, 'getRefreshSession' | 'listLiveRefreshSessionIds'>;

/** How long a "still live" answer is reused before the store is asked again. */
export const SESSION_CACHE_TTL_MS = 15_000;

/**
 * Decides whether the session an access token names (`sid`, the refresh session it was issued
 * with) is still live: not revoked by logout, password change or reuse detection, and its user
 * not deleted. Live answers are cached in the shared coordination cache for a few seconds, and
 * every revocation drops them explicitly, so a revoked token stops working at once in every api
 * process; the TTL only bounds a race where another process re-caches while the row changes.
 *
 * @example
 *   if (!(await gate.isLive(claims.sessionId, claims.userId))) throw new UnauthenticatedError();
 *   await gate.forget([sessionId]); // after revoking it in the store
 */
export class SessionGate {
  constructor(
    private readonly store: SessionGateStore,
    private readonly cache: Cache,
    private readonly now: () => Date = systemClock.now,
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
  ) {}

  async isLive(sessionId: string, userId: string): Promise<boolean> {
    const key = cacheKey(sessionId);
    // Redis down or slow: ask the store, the source of truth, instead of waiting for it.
    if ((await orWhenUnavailable(this.cache.get(key), undefined)) === userId) return true;
    const row = await this.store.getRefreshSession(sessionId);
    const live =
      row !== null &&
      row.userId === userId &&
      row.revokedAt === null &&
      row.expiresAt.getTime() > this.now().getTime();
    if (live) await orWhenUnavailable(this.cache.set(key, userId, this.ttlMs), undefined);
    return live;
  }

  /** Call after revoking sessions in the store (never before: a reader could re-cache them). */
  async forget(sessionIds: readonly string[]): Promise<void> {
    await Promise.all(sessionIds.map((id) => this.cache.invalidate(cacheKey(id))));
  }

  /** The user's live session ids, read before a mass revocation so they can be forgotten after. */
  liveSessionsOf(userId: string): Promise<string[]> {
    return this.store.listLiveRefreshSessionIds(userId);
  }
}

function cacheKey(sessionId: string): string {
  return `session:${sessionId}`;
}
