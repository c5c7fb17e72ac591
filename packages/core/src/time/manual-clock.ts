import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/**
 * A clock for tests: it starts at a pinned instant and moves only when told (`advance`, `set`).
 * Its `now`, `nowMs` and `date` are bound, so they can be handed to options that take a function.
 *
 * @example
 *   const clock = new ManualClock('2026-11-17T17:00:00Z');
 *   clock.advance(60_000);
 *   clock.now().toISOString(); // '2026-11-17T17:01:00.000Z'
 */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string | number) {
    this.#ms = toMs(start);
  }

  readonly now = (): Date => new Date(this.#ms);
  readonly nowMs = (): number => this.#ms;

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a manual clock only moves forward');
    this.#ms += ms;
  }

  set(at: Date | string | number): void {
    this.#ms = toMs(at);
  }
}

/** A clock stopped at one instant. */
export function fixedClock(at: Date | string | number): Clock {
  const ms = toMs(at);
  return { now: () => new Date(ms) };
}

/**
 * A clock that starts at a pinned instant and then ticks with real elapsed time (read from
 * `base`, the system clock unless given): for tests that need time to pass (token lifetimes over
 * HTTP, delivery delays) yet must not depend on the date the suite runs at.
 *
 * @example
 *   const clock = tickingClock('2026-11-17T17:00:00Z');
 *   createGarminModule({ now: clock.now });
 */
export function tickingClock(start: Date | string | number, base: Clock = systemClock): TickingClock {
  const offsetMs = toMs(start) - base.now().getTime();
  const nowMs = (): number => base.now().getTime() + offsetMs;
  return { now: () => new Date(nowMs()), nowMs };
}

export interface TickingClock extends Clock {
  readonly now: () => Date;
  readonly nowMs: () => number;
}

function toMs(at: Date | string | number): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return ms;
}
