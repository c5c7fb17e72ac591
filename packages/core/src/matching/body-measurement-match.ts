import type { BodyMeasurement } from '../records/body-measurement.js';
import { instantMs } from './iso-instant.js';
import { different, type MatchResult } from './match-result.js';
import { BODY_TIME_TOLERANCE_MS, closeness, within } from './tolerances.js';

/** Scales report 0.1 kg and 0.1 %; a round trip through pounds adds a little more. */
const WEIGHT_TOLERANCE_KG = 0.15;
const BODY_FAT_TOLERANCE_PERCENT = 0.5;

/**
 * A weigh-in shares a slot with another taken within ±5 min. Equal weight and body fat (where
 * both have them) → `same`, else `conflict`.
 */
export function matchBodyMeasurements(a: BodyMeasurement, b: BodyMeasurement): MatchResult {
  const deltaMs = Math.abs(instantMs(a.time) - instantMs(b.time));
  if (deltaMs > BODY_TIME_TOLERANCE_MS) return different('time_outside_tolerance');
  const weightOk =
    a.weight === undefined ||
    b.weight === undefined ||
    within(a.weight.value, b.weight.value, 0, WEIGHT_TOLERANCE_KG);
  const fatOk =
    a.bodyFat === undefined ||
    b.bodyFat === undefined ||
    within(a.bodyFat.value, b.bodyFat.value, 0, BODY_FAT_TOLERANCE_PERCENT);
  const timeScore = closeness(0, deltaMs, 0, BODY_TIME_TOLERANCE_MS);
  return weightOk && fatOk
    ? { verdict: 'same', score: 0.5 + 0.5 * timeScore, reasons: ['time_within_tolerance', 'values_equal'] }
    : {
        verdict: 'conflict',
        score: 0.1 + 0.4 * timeScore,
        reasons: ['time_within_tolerance', 'values_differ'],
      };
}
