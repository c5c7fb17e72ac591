import { epochMs, systemClock } from '@syncwell/core';
import { validateTtlMs } from '../take-request-validation.js';
import type { Cache } from '../port.js';
import { promiseOf } from './promise-of.js';

const SWEEP_EVERY = 1_000;

/** In-process cache with lazy expiry plus an occasional sweep, so unread entries do not pile up. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private writes = 0;

  constructor(private readonly clock: () => number = () => epochMs(systemClock)) {}

  get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve(null);
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return Promise.resolve(null);
    }
    return Promise.resolve(entry.value);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return promiseOf(() => {
      const now = this.clock();
      this.entries.set(key, { value, expiresAt: now + validateTtlMs(ttlMs) });
      if (++this.writes % SWEEP_EVERY === 0) {
        for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
      }
    });
  }

  increment(key: string, ttlMs: number): Promise<number> {
    return promiseOf(() => {
      const now = this.clock();
      const expiresAt = now + validateTtlMs(ttlMs);
      const entry = this.entries.get(key);
      const current = entry === undefined || entry.expiresAt <= now ? 0 : Number.parseInt(entry.value, 10);
      const next = (Number.isSafeInteger(current) ? current : 0) + 1;
      this.entries.set(key, { value: String(next), expiresAt });
      return next;
    });
  }

  invalidate(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  clear(): void {
    this.entries.clear();
  }
}
