import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { MergeAdvisor } from '../merge/merge-advisor.js';
import { ruleBasedMergeAdvisor } from '../merge/rule-based-merge-advisor.js';
import type { SummarySource } from '../summaries/summary-source.js';
import { computeWeeklySummary } from '../summaries/weekly-summary.js';
import { Conversations } from '../troubleshooter/conversation.js';
import type { DiagnosticsSource } from '../troubleshooter/diagnostics-source.js';
import { buildTroubleshooterGraph } from '../troubleshooter/troubleshooter-graph.js';
import type { InsightsApi } from './insights-api.js';

export interface InsightsServiceDeps {
  readonly diagnostics: DiagnosticsSource;
  readonly summaries: SummarySource;
  readonly checkpointer: BaseCheckpointSaver;
  /** The conflict-merge model when loaded; the rule-based advisor otherwise. */
  readonly mergeAdvisor?: MergeAdvisor;
  /** The OpenAI-compatible model when configured; absent: deterministic. */
  readonly model?: BaseChatModel;
  readonly now: () => Date;
}

/**
 * The insights service itself: the three features over the ports the server implements. The
 * embedded default calls it in-process; `syncwell insights` serves it over HTTP.
 *
 * @example
 *   const insights = createInsightsService({ diagnostics, summaries, checkpointer: saver, now: () => new Date() });
 */
export function createInsightsService(deps: InsightsServiceDeps): InsightsApi {
  const advisor = deps.mergeAdvisor ?? ruleBasedMergeAdvisor;
  const graph = buildTroubleshooterGraph({
    source: deps.diagnostics,
    checkpointer: deps.checkpointer,
    now: deps.now,
    ...(deps.model === undefined ? {} : { model: deps.model }),
  });
  const conversations = new Conversations(graph, deps.now);
  const summaryDeps = {
    source: deps.summaries,
    now: deps.now,
    ...(deps.model === undefined ? {} : { model: deps.model }),
  };
  return {
    suggestMerge: (pair) => Promise.resolve(advisor.suggest(pair)),
    startConversation: ({ userId, message }) => conversations.start(userId, message),
    answerConversation: ({ userId, conversationId, answer }) =>
      conversations.answer(userId, conversationId, answer),
    readConversation: ({ userId, conversationId }) => conversations.read(userId, conversationId),
    weeklySummary: ({ userId }) => computeWeeklySummary(summaryDeps, userId),
  };
}
