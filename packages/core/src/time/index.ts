export type { Clock } from './clock.js';
export { epochMs, systemClock } from './clock.js';
export type { TickingClock } from './manual-clock.js';
export { fixedClock, ManualClock, tickingClock } from './manual-clock.js';
