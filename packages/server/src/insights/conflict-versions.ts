import type { CanonicalRecord, ConflictDescriptor } from '@syncwell/core';
import { ruleBasedMergeAdvisor, type InsightsApi, type MergeSuggestion } from '@syncwell/insights';
import type { MetadataStore } from '../store/port.js';
import { openEndpoint, readWindowPatiently, type EndpointDeps } from './provider-endpoints.js';

/** Both sides of a conflict, fetched live (never stored), and what the advisor makes of them. */
export interface ConflictVersions {
  readonly source: CanonicalRecord | null;
  readonly destination: CanonicalRecord | null;
  readonly suggestion: MergeSuggestion | null;
  /** `service`: the insights service answered; `fallback`: it was slow or down, the rules did. */
  readonly suggestedBy: 'service' | 'fallback' | null;
}

const SLACK_MS = 60 * 60_000;

/**
 * "Ask me" with the suggestion beside both versions (DESIGN §5): reads the conflict's slot at
 * both connections, picks the two records by id, and asks the insights service; when it cannot
 * answer, the rule-based advisor does, so the user always sees a suggestion.
 */
export function createConflictVersions(
  deps: EndpointDeps & {
    readonly store: MetadataStore;
    readonly insights: Pick<InsightsApi, 'suggestMerge'>;
  },
): (conflict: ConflictDescriptor, userId: string) => Promise<ConflictVersions> {
  return async (conflict, userId) => {
    const rule = await deps.store.getRule(conflict.ruleId, userId);
    if (rule === null) return { source: null, destination: null, suggestion: null, suggestedBy: null };
    const window = {
      from: new Date(conflict.range.from.getTime() - SLACK_MS),
      to: new Date(conflict.range.to.getTime() + SLACK_MS),
    };
    const read = async (connectionId: string, id: string) => {
      const connection = await deps.store.getConnection(connectionId, userId);
      const endpoint = connection === null ? null : openEndpoint(deps, connection);
      if (endpoint === null) return null;
      const records = await readWindowPatiently(endpoint, conflict.dataType, window).catch(() => []);
      return records.find((r) => r.provenance.externalId === id) ?? null;
    };
    const [source, destination] = await Promise.all([
      read(rule.sourceConnectionId, conflict.sourceExternalId),
      read(rule.destinationConnectionId, conflict.destinationId),
    ]);
    if (source === null || destination === null)
      return { source, destination, suggestion: null, suggestedBy: null };
    const pair = { dataType: conflict.dataType, source, destination };
    try {
      return {
        source,
        destination,
        suggestion: await deps.insights.suggestMerge(pair),
        suggestedBy: 'service',
      };
    } catch {
      return {
        source,
        destination,
        suggestion: ruleBasedMergeAdvisor.suggest(pair),
        suggestedBy: 'fallback',
      };
    }
  };
}
