/**
 * Time is an input. Anything that decides on time (windows, expiry, schedules, "the last N days")
 * asks a `Clock` it was given instead of reading the machine's clock, so tests pin the date and a
 * suite that passes today passes on any day. The port deliberately has one function: no timers, no
 * time zones (a record carries its own offset), no monotonic reading for elapsed-time budgets.
 *
 * @example
 *   function isExpired(expiresAt: Date, clock: Clock = systemClock): boolean {
 *     return clock.now().getTime() >= expiresAt.getTime();
 *   }
 */
export interface Clock {
  /** A function property, not a method: `clock.now` can be handed on as a `now` option unbound. */
  readonly now: () => Date;
}

/**
 * The machine's clock: the one place production code reads the wall clock (eslint.config.js
 * forbids `Date.now()` and argument-less `new Date()` everywhere else). The runtime passes it down.
 */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock's reading in epoch milliseconds, for components that count in numbers. */
export function epochMs(clock: Clock): number {
  return clock.now().getTime();
}
