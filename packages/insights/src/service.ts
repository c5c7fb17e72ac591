/*
 * The insights service itself (loads LangChain/LangGraph): import it only where the service
 * runs, the embedded default or `syncwell insights`.
 */
export { createInsightsService, type InsightsServiceDeps } from './service/insights-service.js';
export { createChatModel } from './llm/chat-model.js';
export { openCheckpointer, CHECKPOINT_SCHEMA, type CheckpointTarget } from './troubleshooter/checkpointer.js';
export { buildTroubleshooterGraph, type TroubleshooterDeps } from './troubleshooter/troubleshooter-graph.js';
export { Conversations } from './troubleshooter/conversation.js';
