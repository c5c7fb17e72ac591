import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { DiagnosticsSource, RuleFacts } from './diagnostics-source.js';
import { stored, type Finding, type ToolName } from './findings.js';

const RUN_HISTORY = 5;

const ruleArgs = z.object({ ruleId: z.string().describe('The sync rule id') });
const connectionArgs = z.object({ connectionId: z.string().describe('The connection id') });

interface ToolSpec {
  readonly description: string;
  readonly args: typeof ruleArgs | typeof connectionArgs;
  run(source: DiagnosticsSource, userId: string, id: string): Promise<Finding | null>;
}

/**
 * The diagnostics, each a read of real state through the `DiagnosticsSource`. The same functions
 * serve the rule-driven investigation and, with an LLM configured, its tool calls. The user id
 * is bound by the graph, never an argument: a model can only name ids, and ids of another
 * user's rows read as absent.
 */
export const DIAGNOSTIC_TOOLS: Readonly<Record<ToolName, ToolSpec>> = {
  rule_settings: {
    description: "A sync rule's settings: data types, conflict strategy, enabled, schedule.",
    args: ruleArgs,
    run: async (source, userId, ruleId) => {
      const rule = (await source.listRules(userId)).find((r) => r.id === ruleId);
      return rule === undefined ? null : { tool: 'rule_settings', rule: stored(rule) };
    },
  },
  connection_status: {
    description:
      'A connection: status, token expiry, scopes granted and required, the latest alarm code, push model.',
    args: connectionArgs,
    run: async (source, userId, connectionId) => {
      const connection = (await source.listConnections(userId)).find((c) => c.id === connectionId);
      return connection === undefined ? null : { tool: 'connection_status', connection: stored(connection) };
    },
  },
  recent_runs: {
    description: "The rule's last runs: trigger, status, error code and per-item reason codes.",
    args: ruleArgs,
    run: async (source, userId, ruleId) => ({
      tool: 'recent_runs',
      ruleId,
      runs: stored(await source.recentRuns(userId, ruleId, RUN_HISTORY)),
    }),
  },
  job_signal: {
    description:
      "What the rule's job is doing now: waiting for a rate budget (until when) or retrying after a provider error (outage, 410).",
    args: ruleArgs,
    run: async (source, userId, ruleId) => {
      const signal = await source.jobSignal(userId, ruleId);
      return { tool: 'job_signal', ruleId, signal: signal === null ? null : stored(signal) };
    },
  },
  dead_letters: {
    description: 'Runs of the rule that failed every retry (dead letters), with their codes.',
    args: ruleArgs,
    run: async (source, userId, ruleId) => ({
      tool: 'dead_letters',
      ruleId,
      deadLetters: stored(await source.deadLetters(userId, ruleId)),
    }),
  },
  webhook_health: {
    description:
      'Whether provider notifications (webhooks) arrive for a connection, and when the last one came.',
    args: connectionArgs,
    run: async (source, userId, connectionId) => {
      const webhook = await source.webhookHealth(userId, connectionId);
      return webhook === null ? null : { tool: 'webhook_health', webhook: stored(webhook) };
    },
  },
  backfill_state: {
    description: "The rule's history imports (backfills): status, chunks done, last progress.",
    args: ruleArgs,
    run: async (source, userId, ruleId) => ({
      tool: 'backfill_state',
      ruleId,
      backfills: stored(await source.backfills(userId, ruleId)),
    }),
  },
};

/** Every diagnostic that concerns one rule, in the order a support engineer would look. */
export async function investigateRule(
  source: DiagnosticsSource,
  userId: string,
  rule: RuleFacts,
): Promise<Finding[]> {
  const byRule: ToolName[] = ['rule_settings', 'recent_runs', 'job_signal', 'dead_letters', 'backfill_state'];
  const calls = [
    ...byRule.map((name) => DIAGNOSTIC_TOOLS[name].run(source, userId, rule.id)),
    DIAGNOSTIC_TOOLS.connection_status.run(source, userId, rule.sourceConnectionId),
    DIAGNOSTIC_TOOLS.connection_status.run(source, userId, rule.destinationConnectionId),
    DIAGNOSTIC_TOOLS.webhook_health.run(source, userId, rule.sourceConnectionId),
  ];
  return (await Promise.all(calls)).filter((f): f is Finding => f !== null);
}

/** The same diagnostics as LangChain tools, bound to one user, for a model's tool calls. */
export function diagnosticLangChainTools(
  source: DiagnosticsSource,
  userId: string,
  onFinding: (finding: Finding) => void,
): StructuredToolInterface[] {
  return (Object.entries(DIAGNOSTIC_TOOLS) as [ToolName, ToolSpec][]).map(([name, spec]) =>
    tool(
      async (args: { ruleId?: string; connectionId?: string }) => {
        const finding = await spec.run(source, userId, args.ruleId ?? args.connectionId ?? '');
        if (finding === null) return 'not found';
        onFinding(finding);
        return JSON.stringify(finding);
      },
      { name, description: spec.description, schema: spec.args },
    ),
  );
}
