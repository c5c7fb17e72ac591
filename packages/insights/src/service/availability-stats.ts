/**
 * AI_Service_Availability (DESIGN §7): how calls to the insights service ended. The metrics work
 * exports these as counters and a gauge; availability = successes / calls.
 */
export interface AvailabilityStats {
  readonly calls: number;
  readonly successes: number;
  /** The service answered with an error, or could not be reached. */
  readonly failures: number;
  /** No answer within the client's timeout. */
  readonly timeouts: number;
  /** Refused without trying: the circuit breaker was open. */
  readonly shortCircuited: number;
  readonly breaker: 'closed' | 'open' | 'half_open';
  /** successes / calls, 1 before the first call. */
  readonly availability: number;
}

export type CallOutcome = 'success' | 'failure' | 'timeout' | 'short_circuited';

/** A counter set one client owns; `snapshot()` is what a metrics exporter reads. */
export class AvailabilityCounter {
  #successes = 0;
  #failures = 0;
  #timeouts = 0;
  #shortCircuited = 0;
  #breaker: AvailabilityStats['breaker'] = 'closed';

  record(outcome: CallOutcome): void {
    if (outcome === 'success') this.#successes++;
    else if (outcome === 'failure') this.#failures++;
    else if (outcome === 'timeout') this.#timeouts++;
    else this.#shortCircuited++;
  }

  setBreaker(state: AvailabilityStats['breaker']): void {
    this.#breaker = state;
  }

  snapshot(): AvailabilityStats {
    const calls = this.#successes + this.#failures + this.#timeouts + this.#shortCircuited;
    return {
      calls,
      successes: this.#successes,
      failures: this.#failures,
      timeouts: this.#timeouts,
      shortCircuited: this.#shortCircuited,
      breaker: this.#breaker,
      availability: calls === 0 ? 1 : this.#successes / calls,
    };
  }
}
