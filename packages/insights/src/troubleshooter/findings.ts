import type {
  BackfillFacts,
  ConnectionFacts,
  DeadLetterFacts,
  JobSignal,
  RuleFacts,
  RunFacts,
  WebhookFacts,
} from './diagnostics-source.js';

/** Facts as they sit in a checkpoint: instants as ISO strings, so any serializer keeps them. */
export type Stored<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Stored<U>[]
    : T extends object
      ? { [K in keyof T]: Stored<T[K]> }
      : T;

export function stored<T>(value: T): Stored<T> {
  return JSON.parse(JSON.stringify(value)) as Stored<T>;
}

/** One diagnostic tool's result. The graph keeps them all; the rules read them. */
export type Finding =
  | { readonly tool: 'rule_settings'; readonly rule: Stored<RuleFacts> }
  | { readonly tool: 'connection_status'; readonly connection: Stored<ConnectionFacts> }
  | { readonly tool: 'recent_runs'; readonly ruleId: string; readonly runs: Stored<RunFacts>[] }
  | { readonly tool: 'job_signal'; readonly ruleId: string; readonly signal: Stored<JobSignal> | null }
  | {
      readonly tool: 'dead_letters';
      readonly ruleId: string;
      readonly deadLetters: Stored<DeadLetterFacts>[];
    }
  | { readonly tool: 'webhook_health'; readonly webhook: Stored<WebhookFacts> }
  | { readonly tool: 'backfill_state'; readonly ruleId: string; readonly backfills: Stored<BackfillFacts>[] };

export type ToolName = Finding['tool'];

/** What the rules see: the findings of one investigation, by kind. */
export interface Evidence {
  readonly rule: Stored<RuleFacts> | null;
  readonly source: Stored<ConnectionFacts> | null;
  readonly destination: Stored<ConnectionFacts> | null;
  readonly runs: readonly Stored<RunFacts>[];
  readonly signal: Stored<JobSignal> | null;
  readonly deadLetters: readonly Stored<DeadLetterFacts>[];
  readonly webhook: Stored<WebhookFacts> | null;
  readonly backfills: readonly Stored<BackfillFacts>[];
}

export function evidenceFrom(findings: readonly Finding[], ruleId: string | null): Evidence {
  const evidence = {
    rule: null as Evidence['rule'],
    connections: new Map<string, Stored<ConnectionFacts>>(),
    webhooks: new Map<string, Stored<WebhookFacts>>(),
    runs: [] as Evidence['runs'],
    signal: null as Evidence['signal'],
    deadLetters: [] as Evidence['deadLetters'],
    backfills: [] as Evidence['backfills'],
  };
  // Later findings of the same kind replace earlier ones (a tool run twice, by rules and model).
  for (const f of findings) {
    if (f.tool === 'rule_settings' && f.rule.id === ruleId) evidence.rule = f.rule;
    else if (f.tool === 'connection_status') evidence.connections.set(f.connection.id, f.connection);
    else if (f.tool === 'webhook_health') evidence.webhooks.set(f.webhook.connectionId, f.webhook);
    else if (f.tool === 'recent_runs' && f.ruleId === ruleId) evidence.runs = f.runs;
    else if (f.tool === 'job_signal' && f.ruleId === ruleId) evidence.signal = f.signal;
    else if (f.tool === 'dead_letters' && f.ruleId === ruleId) evidence.deadLetters = f.deadLetters;
    else if (f.tool === 'backfill_state' && f.ruleId === ruleId) evidence.backfills = f.backfills;
  }
  const rule = evidence.rule;
  const connection = (id: string | undefined) =>
    id === undefined ? null : (evidence.connections.get(id) ?? null);
  return {
    rule,
    source: connection(rule?.sourceConnectionId),
    destination: connection(rule?.destinationConnectionId),
    runs: evidence.runs,
    signal: evidence.signal,
    deadLetters: evidence.deadLetters,
    webhook: rule === null ? null : (evidence.webhooks.get(rule.sourceConnectionId) ?? null),
    backfills: evidence.backfills,
  };
}
