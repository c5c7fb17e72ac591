/**
 * Coordination between workers: locks with fencing tokens. In one process the embedded adapter
 * is enough; issue 3 adds Redis (Lua) behind the same contract so many workers share it.
 *
 * Deliberately absent: rate-limit buckets and caches (added with the Redis adapter), and any
 * notion of who the holders are: a lock is a key, a TTL and a token.
 *
 * @example
 *   const lock = await coordination.acquireLock(`rule:${ruleId}`, 60_000);
 *   if (!lock) throw new DelayJobError(5_000, 'SW_RUN_LOCK_LOST');
 *   try { await runSync({ ..., fencingToken: lock.fencingToken }); } finally { await lock.release(); }
 */
export interface Coordination {
  /** Null when someone else holds a live lock on the key. */
  acquireLock(key: string, ttlMs: number): Promise<Lock | null>;
  close(): Promise<void>;
}

export interface Lock {
  readonly key: string;
  /**
   * Strictly increasing per key across acquisitions. The store refuses a commit carrying a
   * token lower than one it has seen, so a holder whose lock expired cannot commit.
   */
  readonly fencingToken: number;
  /** Extends the TTL; false when the lock was lost (expired and taken by another). */
  renew(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}
