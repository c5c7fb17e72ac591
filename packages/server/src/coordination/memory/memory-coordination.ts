import { epochMs, systemClock } from '@syncwell/core';
import { validateTtlMs } from '../take-request-validation.js';
import type { CoordinationAdapter, Lock } from '../port.js';
import { MemoryCache } from './memory-cache.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { promiseOf } from './promise-of.js';

interface Holder {
  readonly token: number;
  expiresAt: number;
}

/** In-process coordination for the embedded default: one process, so Maps are the whole truth. */
export class MemoryCoordination implements CoordinationAdapter {
  readonly rateLimiter: MemoryRateLimiter;
  readonly cache: MemoryCache;
  private readonly holders = new Map<string, Holder>();
  private readonly lastToken = new Map<string, number>();

  constructor(private readonly now: () => number = () => epochMs(systemClock)) {
    this.rateLimiter = new MemoryRateLimiter(now);
    this.cache = new MemoryCache(now);
  }

  acquireLock(key: string, ttlMs: number): Promise<Lock | null> {
    return promiseOf(() => this.acquireNow(key, ttlMs));
  }

  private acquireNow(key: string, ttlMs: number): Lock | null {
    const ttl = validateTtlMs(ttlMs);
    const current = this.holders.get(key);
    if (current && current.expiresAt > this.now()) return null;
    // Never below the clock: the store keeps the highest token it saw, and this process's
    // counter starts empty after a restart (see ACQUIRE_LOCK_LUA for the same rule on Redis).
    const token = Math.max((this.lastToken.get(key) ?? 0) + 1, Math.floor(this.now()));
    this.lastToken.set(key, token);
    const holder: Holder = { token, expiresAt: this.now() + ttl };
    this.holders.set(key, holder);
    const isMine = () => this.holders.get(key) === holder && holder.expiresAt > this.now();
    return {
      key,
      fencingToken: token,
      renew: (ms: number) =>
        promiseOf(() => {
          const extended = validateTtlMs(ms);
          if (!isMine()) return false;
          holder.expiresAt = this.now() + extended;
          return true;
        }),
      release: () => {
        if (this.holders.get(key) === holder) this.holders.delete(key);
        return Promise.resolve();
      },
    };
  }

  /** Fencing counters survive close on purpose: tokens must never go backwards for a key. */
  close(): Promise<void> {
    this.holders.clear();
    this.rateLimiter.clear();
    this.cache.clear();
    return Promise.resolve();
  }
}
