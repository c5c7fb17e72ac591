import type { Coordination, Lock } from '../port.js';

interface Holder {
  readonly token: number;
  expiresAt: number;
}

/** In-process locks for the embedded default: one process, so a Map is the whole truth. */
export class MemoryCoordination implements Coordination {
  private readonly holders = new Map<string, Holder>();
  private readonly lastToken = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  acquireLock(key: string, ttlMs: number): Promise<Lock | null> {
    const current = this.holders.get(key);
    if (current && current.expiresAt > this.now()) return Promise.resolve(null);
    const token = (this.lastToken.get(key) ?? 0) + 1;
    this.lastToken.set(key, token);
    const holder: Holder = { token, expiresAt: this.now() + ttlMs };
    this.holders.set(key, holder);
    const isMine = () => this.holders.get(key) === holder && holder.expiresAt > this.now();
    return Promise.resolve({
      key,
      fencingToken: token,
      renew: (ms: number) => {
        if (!isMine()) return Promise.resolve(false);
        holder.expiresAt = this.now() + ms;
        return Promise.resolve(true);
      },
      release: () => {
        if (this.holders.get(key) === holder) this.holders.delete(key);
        return Promise.resolve();
      },
    });
  }

  close(): Promise<void> {
    this.holders.clear();
    return Promise.resolve();
  }
}
