import { epochMs, systemClock } from '@syncwell/core';
/**
 * The simulator's notion of "now": its base clock (the system clock unless the test pins one)
 * plus an offset tests can move forward, so token expiry and rate-limit windows can be crossed
 * without waiting.
 */
export class SimulatorClock {
  #offsetMs = 0;

  constructor(private readonly baseMs: () => number = () => epochMs(systemClock)) {}

  nowMs(): number {
    return this.baseMs() + this.#offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.#offsetMs += ms;
  }
}
