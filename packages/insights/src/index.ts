/*
 * The light half of @syncwell/insights: types, the resilient client (in-process or HTTP), the
 * merge-advisor port and the internal HTTP server. Nothing here loads LangChain, so the api and
 * worker processes that only call the service start fast. The service itself (graph,
 * checkpointers, LLM) is `@syncwell/insights/service`.
 */
export * from './merge/merge-advisor.js';
export { ruleBasedMergeAdvisor } from './merge/rule-based-merge-advisor.js';
export { modelMergeAdvisor, toModelPair } from './merge/model-merge-advisor.js';
export { sideMeta } from './merge/side-meta.js';
export { readModelMergeAdvisor } from './merge/read-model-merge-advisor.js';
export * from './service/availability-stats.js';
export * from './service/resilient-call.js';
export * from './service/insights-api.js';
export { resilientInsights, type InsightsClient } from './service/resilient-insights.js';
export { HttpInsightsClient } from './service/http-insights-client.js';
export { startInsightsHttpServer, type RunningInsightsServer } from './service/insights-http-server.js';
export { loadLlmConfig, type LlmConfig } from './llm/llm-config.js';
export * from './troubleshooter/diagnostics-source.js';
export * from './troubleshooter/diagnosis.js';
export type { ConversationView } from './troubleshooter/conversation.js';
export type { Turn } from './troubleshooter/troubleshooter-state.js';
export type { SummarySource, ConnectionRecords } from './summaries/summary-source.js';
export type { WeeklySummary } from './summaries/weekly-summary.js';
export type { WeeklyAggregates, DateSpan } from './summaries/weekly-aggregates.js';
export {
  isTimeZone,
  localDateIn,
  localMidnightUtc,
  addDays,
  isoWeekday,
  zoneOffsetMinutes,
} from './summaries/time-zone.js';

// The conflict-merge model (issue 13 §1): its types and the pure inference are in the Node-free
// `@syncwell/insights/conflict-merge`; here only what reads the model file from disk.
export {
  conflictModelPaths,
  readConflictMergeModel,
  readConflictMergeModelSync,
} from './conflict-merge/model-file.js';
