import type { ConflictAdvisor } from '@syncwell/core';
import type { InsightsApi } from '@syncwell/insights';

/**
 * The engine's `ConflictAdvisor` over the insights client. Any failure (timeout, breaker open,
 * service error) is "no advice": the engine applies the rule's fallback and the run goes on.
 */
export function insightsConflictAdvisor(insights: Pick<InsightsApi, 'suggestMerge'>): ConflictAdvisor {
  return {
    advise: async (pair) => {
      try {
        const suggestion = await insights.suggestMerge(pair);
        return {
          choice: suggestion.preferred === 'merge' ? 'undecided' : suggestion.preferred,
          confidence: suggestion.confidence,
        };
      } catch {
        return null;
      }
    },
  };
}
