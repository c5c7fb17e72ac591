/**
 * The matching tolerances in one place. Every comparison uses the larger of the two values as
 * the base of a relative tolerance, so that match(a, b) and match(b, a) always agree.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** Two providers stamp the same workout a little apart (button press vs. GPS fix vs. upload). */
export const WORKOUT_START_TOLERANCE_MS = 3 * MINUTE_MS;

/** Local time mislabelled as UTC is off by at most the largest offset on Earth (UTC+14). */
export const MAX_TIME_ZONE_SHIFT_MS = 14 * HOUR_MS;

/**
 * Offsets are multiples of 15 min in practice; a smaller "shift" would be indistinguishable
 * from start jitter and could let S and −S both fit, breaking symmetry.
 */
export const MIN_OFFSET_SHIFT_MS = 15 * MINUTE_MS;

/**
 * A shifted candidate whose recorded ranges sit end to start with a break shorter than this is
 * read as two sessions back to back (warm-up then race, a double class), never as one workout
 * whose clock is off: skipping a real workout loses data silently, a missed duplicate is
 * visible and deletable.
 */
export const BACK_TO_BACK_BREAK_MS = 15 * MINUTE_MS;

/** Overlap needed, as a share of the shorter session, for sleep sessions to share a slot. */
export const MIN_OVERLAP_OF_SHORTER = 0.5;

export const DURATION_RELATIVE_TOLERANCE = 0.1;
export const DURATION_ABSOLUTE_TOLERANCE_MS = 5 * MINUTE_MS;
export const DISTANCE_RELATIVE_TOLERANCE = 0.1;

/** Sleep boundaries move by this much between providers' sleep detection without meaning it. */
export const SLEEP_BOUNDARY_TOLERANCE_MS = 15 * MINUTE_MS;

/** One weigh-in synced through a phone app lands a few minutes off the scale's own stamp. */
export const BODY_TIME_TOLERANCE_MS = 5 * MINUTE_MS;

/** `a` and `b` agree within `relative` of the larger, or within `absolute`. */
export function within(a: number, b: number, relative: number, absolute = 0): boolean {
  return Math.abs(a - b) <= Math.max(relative * Math.max(Math.abs(a), Math.abs(b)), absolute);
}

/** 1 when equal, falling linearly to 0 at the tolerance (and below 0 beyond it, clamped). */
export function closeness(a: number, b: number, relative: number, absolute = 0): number {
  const tolerance = Math.max(relative * Math.max(Math.abs(a), Math.abs(b)), absolute);
  if (tolerance === 0) return a === b ? 1 : 0;
  return Math.max(0, 1 - Math.abs(a - b) / tolerance);
}
