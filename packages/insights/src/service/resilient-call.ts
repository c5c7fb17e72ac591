import { SyncWellError } from '@syncwell/core';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  timeout,
  wrap,
} from 'cockatiel';
import { AvailabilityCounter, type AvailabilityStats } from './availability-stats.js';

const UNAVAILABLE_CODES = new Set(['SW_INSIGHTS_UNAVAILABLE', 'SW_INTERNAL', 'SW_NOT_READY']);

/** The service was there and said no on purpose (not found, closed conversation, bad input). */
function isAnswer(error: unknown): boolean {
  return error instanceof SyncWellError && !UNAVAILABLE_CODES.has(error.code);
}

/** The insights service did not answer usefully; callers fall back to deterministic behaviour. */
export class InsightsUnavailableError extends SyncWellError {
  constructor(
    readonly reason: 'timeout' | 'failure' | 'short_circuited',
    cause?: unknown,
  ) {
    super('SW_INSIGHTS_UNAVAILABLE', undefined, { reason }, cause === undefined ? undefined : { cause });
  }
}

export interface ResilienceOptions {
  /** Per call; the insights service is advice, never worth holding a sync for. Default 2 s. */
  readonly timeoutMs?: number;
  /** Consecutive failures that open the breaker. Default 5. */
  readonly failuresToOpen?: number;
  /** How long the breaker stays open before one trial call. Default 10 s. */
  readonly halfOpenAfterMs?: number;
}

/** Runs calls to the insights service under a timeout and a circuit breaker, counting outcomes. */
export interface ResilientCaller {
  /** `timeoutMs` overrides the default for this call (conversations may take an LLM's time). */
  call<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs?: number): Promise<T>;
  stats(): AvailabilityStats;
}

/**
 * One breaker per client (so per process): when the service is down, the first few calls pay
 * the timeout and every later one fails at once until a trial call succeeds.
 * Errors the service answered on purpose (a SyncWellError other than unavailability, e.g. not
 * found) pass through and count as successes: the service was there.
 *
 * @example
 *   const caller = createResilientCaller({ timeoutMs: 500 });
 *   try { await caller.call((signal) => api.suggestMerge(pair, signal)); }
 *   catch (e) { if (e instanceof InsightsUnavailableError) useRuleStrategy(); }
 */
export function createResilientCaller(options: ResilienceOptions = {}): ResilientCaller {
  const counter = new AvailabilityCounter();
  const breaker = circuitBreaker(
    handleWhen((error) => !isAnswer(error)),
    {
      halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(options.failuresToOpen ?? 5),
    },
  );
  breaker.onStateChange((state) =>
    counter.setBreaker(
      state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half_open' : 'open',
    ),
  );
  // One breaker for every kind of call: the service is up or down as a whole.
  const policies = new Map<number, ReturnType<typeof wrapWithTimeout>>();
  const wrapWithTimeout = (ms: number) => wrap(breaker, timeout(ms, TimeoutStrategy.Aggressive));
  const policyFor = (ms: number) => {
    let policy = policies.get(ms);
    if (policy === undefined) policies.set(ms, (policy = wrapWithTimeout(ms)));
    return policy;
  };
  return {
    async call(work, timeoutMs) {
      try {
        const policy = policyFor(timeoutMs ?? options.timeoutMs ?? 2_000);
        const result = await policy.execute(({ signal }) => work(signal));
        counter.record('success');
        return result;
      } catch (error) {
        if (isAnswer(error)) {
          counter.record('success');
          throw error;
        }
        const reason =
          error instanceof BrokenCircuitError
            ? 'short_circuited'
            : error instanceof TaskCancelledError
              ? 'timeout'
              : 'failure';
        counter.record(reason);
        throw new InsightsUnavailableError(reason, error);
      }
    },
    stats: () => counter.snapshot(),
  };
}
