import type { ConflictPair, MergeableType } from '../conflict-pair.js';
import { BODY_PAIR_FEATURES, BODY_SIDE_FEATURES, bodyPairFeatures, viewBody } from './body-features.js';
import { DAILY_PAIR_FEATURES, DAILY_SIDE_FEATURES, dailyPairFeatures, viewDaily } from './daily-features.js';
import { SLEEP_PAIR_FEATURES, SLEEP_SIDE_FEATURES, sleepPairFeatures, viewSleep } from './sleep-features.js';
import {
  WORKOUT_PAIR_FEATURES,
  WORKOUT_SIDE_FEATURES,
  viewWorkout,
  workoutPairFeatures,
} from './workout-features.js';

const LAYOUT: {
  readonly [T in MergeableType]: { readonly side: readonly string[]; readonly pair: readonly string[] };
} = {
  workout: { side: WORKOUT_SIDE_FEATURES, pair: WORKOUT_PAIR_FEATURES },
  daily_activity: { side: DAILY_SIDE_FEATURES, pair: DAILY_PAIR_FEATURES },
  sleep: { side: SLEEP_SIDE_FEATURES, pair: SLEEP_PAIR_FEATURES },
  body_measurement: { side: BODY_SIDE_FEATURES, pair: BODY_PAIR_FEATURES },
};

/**
 * Names of a type's features in vector order: the first side's (`a.`), the second side's (`b.`),
 * then the pair's (differences and ratios, first minus second). The model card lists them.
 */
export function featureNames(dataType: MergeableType): string[] {
  const { side, pair } = LAYOUT[dataType];
  return [...side.map((n) => `a.${n}`), ...side.map((n) => `b.${n}`), ...pair];
}

/**
 * A pair's features in both orders: `forward` reads the source as the first side, `backward` the
 * destination. The model scores both and averages, so its answer cannot depend on which platform
 * happens to be the rule's source.
 */
export interface PairFeatures {
  readonly forward: Float64Array;
  readonly backward: Float64Array;
}

export function pairFeatures(pair: ConflictPair): PairFeatures {
  switch (pair.dataType) {
    case 'workout': {
      const s = viewWorkout(pair.source, pair.destination.record.track?.[0]?.lon);
      const d = viewWorkout(pair.destination, pair.source.record.track?.[0]?.lon);
      return assemble(s.features, d.features, workoutPairFeatures(s, d), workoutPairFeatures(d, s));
    }
    case 'daily_activity': {
      const s = viewDaily(pair.source);
      const d = viewDaily(pair.destination);
      return assemble(s.features, d.features, dailyPairFeatures(s, d), dailyPairFeatures(d, s));
    }
    case 'sleep': {
      const s = viewSleep(pair.source);
      const d = viewSleep(pair.destination);
      return assemble(s.features, d.features, sleepPairFeatures(s, d), sleepPairFeatures(d, s));
    }
    case 'body_measurement': {
      const s = viewBody(pair.source);
      const d = viewBody(pair.destination);
      return assemble(s.features, d.features, bodyPairFeatures(s, d), bodyPairFeatures(d, s));
    }
  }
}

function assemble(
  source: readonly number[],
  destination: readonly number[],
  forwardPair: readonly number[],
  backwardPair: readonly number[],
): PairFeatures {
  const forward = new Float64Array(source.length * 2 + forwardPair.length);
  const backward = new Float64Array(forward.length);
  forward.set(source, 0);
  forward.set(destination, source.length);
  forward.set(forwardPair, source.length * 2);
  backward.set(destination, 0);
  backward.set(source, source.length);
  backward.set(backwardPair, source.length * 2);
  return { forward, backward };
}
