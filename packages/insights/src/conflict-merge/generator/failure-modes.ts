import type { MergeableType } from '../conflict-pair.js';
import { BODY_MODES } from './body-modes.js';
import { DAILY_MODES } from './daily-modes.js';
import type { FailureMode } from './failure-mode.js';
import { SLEEP_MODES } from './sleep-modes.js';
import { WORKOUT_MODES } from './workout-modes.js';

/**
 * Bump on any change to what the generator produces (a mode, a share, a distribution): the model
 * card records the version it was trained on, and a test refuses a model trained on another.
 */
export const GENERATOR_VERSION = '1.0.0';

/** Share of each record type among generated conflicts. */
export const TYPE_SHARES: Readonly<Record<MergeableType, number>> = {
  workout: 0.4,
  daily_activity: 0.25,
  sleep: 0.2,
  body_measurement: 0.15,
};

export const MODES_BY_TYPE: { readonly [T in MergeableType]: readonly FailureMode<T>[] } = {
  workout: WORKOUT_MODES,
  daily_activity: DAILY_MODES,
  sleep: SLEEP_MODES,
  body_measurement: BODY_MODES,
};

/** Every failure mode with its share of all conflicts (type share × share within the type). */
export function failureModeCatalogue(): {
  id: string;
  dataType: MergeableType;
  share: number;
  description: string;
}[] {
  return (Object.keys(MODES_BY_TYPE) as MergeableType[]).flatMap((dataType) =>
    (MODES_BY_TYPE[dataType] as readonly FailureMode[]).map((m) => ({
      id: m.id,
      dataType,
      share: TYPE_SHARES[dataType] * m.share,
      description: m.description,
    })),
  );
}
