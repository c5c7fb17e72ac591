export * from './merge/merge-advisor.js';
export { ruleBasedMergeAdvisor } from './merge/rule-based-merge-advisor.js';
export * from './service/availability-stats.js';
export * from './service/resilient-call.js';
export * from './troubleshooter/diagnostics-source.js';
export * from './troubleshooter/diagnosis.js';
export { openCheckpointer, CHECKPOINT_SCHEMA, type CheckpointTarget } from './troubleshooter/checkpointer.js';
export { buildTroubleshooterGraph, type TroubleshooterDeps } from './troubleshooter/troubleshooter-graph.js';
export { Conversations, type ConversationView } from './troubleshooter/conversation.js';
