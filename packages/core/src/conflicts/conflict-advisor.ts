import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import type { ConflictChoice, ConflictStrategy } from './conflict-descriptor.js';
import { decideConflict, type ConflictAction } from './conflict-policy.js';

/** What an advisor (the insights service) suggests for one conflict. */
export interface ConflictAdvice {
  /** `undecided`: the records must be merged, which only the user can ask for. */
  readonly choice: ConflictChoice | 'undecided';
  /** 0..1. */
  readonly confidence: number;
}

/**
 * The `ai_suggestion` strategy's advisor (DESIGN §5). Null means no advice: the service was slow,
 * down or refused; the engine then applies the rule's deterministic fallback.
 *
 * Deliberately absent: timeouts and retries. The implementation bounds its own latency (the
 * server's client has a timeout and a circuit breaker), so a run never waits on advice long.
 */
export interface ConflictAdvisor {
  advise(pair: {
    readonly dataType: DataType;
    readonly source: CanonicalRecord;
    readonly destination: CanonicalRecord;
  }): Promise<ConflictAdvice | null>;
}

/** Below this the suggestion is shown to the user ("ask me" with the suggestion), not applied. */
export const AI_CONFIDENCE_THRESHOLD = 0.75;

/**
 * What `ai_suggestion` falls back to without advice: ask the user. Nothing is written or kept on
 * a guess, and the conflict shows the suggestion once the service is back.
 */
export const AI_FALLBACK_STRATEGY: ConflictStrategy = 'ask';

/**
 * Advice → action. A confident "destination" keeps it, "both" writes a second record, "source"
 * follows source-wins (which asks for types the destination cannot replace, as always).
 *
 * @example decideWithAdvice({ choice: 'destination', confidence: 0.9 }, src, dst) // keep_destination
 */
export function decideWithAdvice(
  advice: ConflictAdvice | null,
  source: CanonicalRecord,
  destination: CanonicalRecord,
  fallback: ConflictStrategy = AI_FALLBACK_STRATEGY,
): ConflictAction {
  if (advice === null)
    return decideConflict(fallback === 'ai_suggestion' ? 'ask' : fallback, source, destination);
  if (advice.choice === 'undecided' || advice.confidence < AI_CONFIDENCE_THRESHOLD) {
    return { kind: 'ask', code: 'SW_ITEM_CONFLICT_PENDING' };
  }
  if (advice.choice === 'destination') return { kind: 'keep_destination' };
  if (advice.choice === 'both') return { kind: 'write' };
  return decideConflict('source_wins', source, destination);
}
