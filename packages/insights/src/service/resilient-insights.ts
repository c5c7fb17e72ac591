import type { ConflictPair, MergeSuggestion } from '../merge/merge-advisor.js';
import type { AvailabilityStats } from './availability-stats.js';
import type { InsightsApi } from './insights-api.js';
import { createResilientCaller, type ResilienceOptions } from './resilient-call.js';

/** An `InsightsApi` whose calls give up after a timeout and stop trying while the breaker is open. */
export interface InsightsClient extends InsightsApi {
  /** AI_Service_Availability: how this process's calls ended. */
  availability(): AvailabilityStats;
}

/**
 * Wraps the service (in-process or HTTP) for its callers: every method throws
 * `InsightsUnavailableError` (SW_INSIGHTS_UNAVAILABLE) when the service is slow or down, and
 * each caller decides its deterministic fallback (the rule's strategy for a sync conflict, the
 * rule-based advisor beside a conflict the user looks at, a 503 for a conversation).
 *
 * @example
 *   const insights = resilientInsights(createInsightsService(deps), { timeoutMs: 500 });
 */
export function resilientInsights(
  api: InsightsApi,
  options: ResilienceOptions & { readonly interactiveTimeoutMs?: number } = {},
): InsightsClient {
  const caller = createResilientCaller(options);
  // A user waiting on a conversation or a summary can wait for an LLM; a sync run cannot.
  const interactive = options.interactiveTimeoutMs ?? 60_000;
  return {
    suggestMerge: (pair: ConflictPair): Promise<MergeSuggestion> =>
      caller.call((signal) => api.suggestMerge(pair, signal)),
    startConversation: (input) => caller.call((signal) => api.startConversation(input, signal), interactive),
    answerConversation: (input) =>
      caller.call((signal) => api.answerConversation(input, signal), interactive),
    readConversation: (input) => caller.call((signal) => api.readConversation(input, signal), interactive),
    weeklySummary: (input) => caller.call((signal) => api.weeklySummary(input, signal), interactive),
    availability: () => caller.stats(),
  };
}
