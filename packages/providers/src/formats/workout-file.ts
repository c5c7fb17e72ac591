import type { ProviderId, Workout } from '@syncwell/core';

/** Where a decoded workout came from; becomes its provenance. */
export interface WorkoutFileSource {
  readonly provider: ProviderId;
  readonly externalId: string;
}

/**
 * A workout read from a file, with what was left out on the way: `warnings` name the part and
 * a count ("2 track points without a time skipped"), never a value, because they reach the run's
 * per-item results (`ReadSuccess.warnings`).
 */
export interface DecodedWorkout {
  readonly workout: Workout;
  readonly warnings: readonly string[];
}

/** A file that holds several activities (TCX): each one's workout, and the file's warnings. */
export interface DecodedWorkouts {
  readonly workouts: readonly Workout[];
  readonly warnings: readonly string[];
}

/**
 * One way the file differs from the workout it was written from, found by reading the file back
 * (see `diffWorkouts`). `field` is a path such as `energy`, `laps[1].endTime` or `track[].lat`
 * (every point's latitude: `count` says how many points differ).
 * - `rounded`: within one step of the format's resolution (whole seconds, whole kcal, ...);
 * - `added`: the format requires a value the workout lacked (FIT's timer time);
 * - `changed`: any other difference (a clamp, a sport the format cannot name);
 * - `dropped`: the format has no place for it (laps in GPX).
 * `given` / `written` are set for single values; they are health values, so they stay in memory
 * and out of messages.
 */
export interface FieldChange {
  readonly field: string;
  readonly kind: 'rounded' | 'added' | 'changed' | 'dropped';
  readonly count: number;
  readonly given?: number | string;
  readonly written?: number | string;
}

/**
 * A file written from a workout, with every difference between the two (empty when exact).
 * `changes` is worked out (by reading the file back) when first asked for, so a caller that
 * only serves the file, such as a simulator, does not pay for the check.
 */
export interface EncodedWorkout<T> {
  readonly data: T;
  readonly changes: readonly FieldChange[];
}

/** `{ data, changes }` with `changes` computed once, on first read. */
export function encodedWorkout<T>(data: T, findChanges: () => readonly FieldChange[]): EncodedWorkout<T> {
  let changes: readonly FieldChange[] | undefined;
  return {
    data,
    get changes() {
      changes ??= findChanges();
      return changes;
    },
  };
}

/**
 * The changes a user should hear about, as item warnings: what was changed or dropped. Rounding
 * to the format's resolution and values the format had to fill in are expected and stay in the
 * typed report only.
 */
export function lossyChangeWarnings(changes: readonly FieldChange[]): string[] {
  return changes
    .filter((c) => c.kind === 'changed' || c.kind === 'dropped')
    .map((c) => `${c.field} ${c.kind}${c.count > 1 ? ` (${String(c.count)})` : ''}`);
}

/** `{ warnings }` for a read item when there are any, nothing otherwise (the field is optional). */
export function withWarnings(warnings: readonly string[] | undefined): { warnings?: readonly string[] } {
  return warnings === undefined || warnings.length === 0 ? {} : { warnings };
}

/** "1 track point", "3 track points": counts in warnings read as English. */
export function counted(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}
