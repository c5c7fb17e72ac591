import type { ConflictPair, MergeSuggestion } from '../merge/merge-advisor.js';
import type { WeeklySummary } from '../summaries/weekly-summary.js';
import type { ConversationView } from '../troubleshooter/conversation.js';

/**
 * What the insights service offers the api and worker roles, in-process (embedded default) or
 * over HTTP (its own role in production). Every method may take an AbortSignal: the callers'
 * resilient client gives up after its timeout.
 *
 * Deliberately absent: anything that writes sync state. The service advises; the engine and the
 * user act.
 *
 * @example
 *   const view = await insights.startConversation({ userId, message: 'my runs stopped syncing' });
 *   if (view.question) await insights.answerConversation({ userId, conversationId: view.id, answer: 'yes' });
 */
export interface InsightsApi {
  suggestMerge(pair: ConflictPair, signal?: AbortSignal): Promise<MergeSuggestion>;
  startConversation(
    input: { userId: string; message: string },
    signal?: AbortSignal,
  ): Promise<ConversationView>;
  answerConversation(
    input: { userId: string; conversationId: string; answer: string },
    signal?: AbortSignal,
  ): Promise<ConversationView>;
  /** Null when unknown or another user's. */
  readConversation(
    input: { userId: string; conversationId: string },
    signal?: AbortSignal,
  ): Promise<ConversationView | null>;
  /** Recomputed from the user's sources on every call. */
  weeklySummary(input: { userId: string }, signal?: AbortSignal): Promise<WeeklySummary>;
}
