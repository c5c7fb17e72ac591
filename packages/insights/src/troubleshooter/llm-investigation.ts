import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from '@langchain/core/messages';
import { withoutNumbers } from './complaint.js';
import { diagnosticLangChainTools } from './diagnostic-tools.js';
import type { DiagnosticsSource, RuleFacts } from './diagnostics-source.js';
import type { Finding } from './findings.js';

const MAX_ROUNDS = 4;

const SYSTEM =
  'You are SyncWell support investigating why a sync rule misbehaves. Call the diagnostic tools you need ' +
  '(rule settings, connection status, recent runs, job signal, dead letters, webhook health, backfill state) ' +
  'with the ids given, then answer "done". You never need health data and none is available.';

/**
 * With an LLM configured, the model chooses which diagnostics to run (tool calls), for at most
 * a few rounds. It sees ids, statuses, codes and times only: the user's words reach it with
 * their numbers masked. Returns the findings its tool calls produced; the graph then runs any
 * diagnostic the model skipped, so the rules always decide on complete evidence.
 */
export async function investigateWithModel(
  model: BaseChatModel,
  source: DiagnosticsSource,
  userId: string,
  complaint: string,
  rule: RuleFacts,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const tools = diagnosticLangChainTools(source, userId, (f) => findings.push(f));
  if (model.bindTools === undefined) return findings;
  const bound = model.bindTools(tools);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const messages: BaseMessage[] = [
    new SystemMessage(SYSTEM),
    new HumanMessage(
      `The user says: "${withoutNumbers(complaint)}"\nRule id: ${rule.id}\nSource connection id: ${rule.sourceConnectionId}\nDestination connection id: ${rule.destinationConnectionId}`,
    ),
  ];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const reply = await bound.invoke(messages);
    messages.push(reply);
    const calls = reply instanceof AIMessage ? (reply.tool_calls ?? []) : [];
    if (calls.length === 0) break;
    for (const call of calls) {
      const tool = byName.get(call.name);
      const output: unknown = tool === undefined ? 'unknown tool' : await tool.invoke(call.args);
      messages.push(
        new ToolMessage({ content: String(output), tool_call_id: call.id ?? call.name, name: call.name }),
      );
    }
  }
  return findings;
}
