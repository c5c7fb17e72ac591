import type { DurableStorePort } from '../durable-store-port.js';

/** Thrown by `MemoryDurableStore` where a test kills the app. */
export class AppKilled extends Error {}

/**
 * The phone's durable storage for tests: survives a new `DeviceSync` (the app relaunched) and can
 * "kill the app" at the n-th write, which then lands not at all (the port's writes are atomic).
 */
export class MemoryDurableStore implements DurableStorePort {
  private readonly data = new Map<string, string>();
  private writesBeforeKill = Infinity;

  killAtWrite(n: number): void {
    this.writesBeforeKill = n - 1;
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.data.get(key));
  }

  setMany(entries: readonly (readonly [string, string | null])[]): Promise<void> {
    if (this.writesBeforeKill <= 0) {
      this.writesBeforeKill = Infinity;
      return Promise.reject(new AppKilled('the app was killed'));
    }
    this.writesBeforeKill -= 1;
    for (const [k, v] of entries) {
      if (v === null) this.data.delete(k);
      else this.data.set(k, v);
    }
    return Promise.resolve();
  }

  keys(prefix: string): Promise<readonly string[]> {
    return Promise.resolve([...this.data.keys()].filter((k) => k.startsWith(prefix)));
  }
}
