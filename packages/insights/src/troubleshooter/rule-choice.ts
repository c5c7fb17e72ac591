import type { ConnectionFacts, RuleFacts } from './diagnostics-source.js';
import { DATA_TYPE_WORDS, type Question } from './diagnosis.js';
import type { Complaint } from './complaint.js';

export const RULE_QUESTION_ID = 'rule';

/**
 * Which rule the user means: the only one, the one named in an earlier answer, or the only one
 * whose providers (or data types) the complaint mentions. Otherwise a question listing them.
 */
export function chooseRule(
  rules: readonly RuleFacts[],
  connections: readonly ConnectionFacts[],
  text: string,
  complaint: Complaint,
  answer: string | undefined,
): { ruleId: string | null } | { question: Question } {
  if (answer !== undefined && rules.some((r) => r.id === answer)) return { ruleId: answer };
  if (rules.length <= 1) return { ruleId: rules[0]?.id ?? null };
  const byId = new Map(connections.map((c) => [c.id, c]));
  const mentions = (c: ConnectionFacts | undefined) =>
    c !== undefined &&
    (new RegExp(`\\b${c.provider.replace('_', '[ _]')}\\b`, 'i').test(text) ||
      new RegExp(`\\b${escape(c.displayName.split(/[ (]/)[0] ?? c.provider)}\\b`, 'i').test(text));
  let candidates = rules.filter(
    (r) => mentions(byId.get(r.sourceConnectionId)) || mentions(byId.get(r.destinationConnectionId)),
  );
  if (candidates.length === 0) candidates = [...rules];
  const typed = candidates.filter((r) => complaint.dataTypes.some((t) => r.dataTypes.includes(t)));
  if (typed.length > 0) candidates = typed;
  if (candidates.length === 1) return { ruleId: candidates[0]?.id ?? null };
  return {
    question: {
      id: RULE_QUESTION_ID,
      text: 'Which of your syncs is this about?',
      choices: candidates.map((r) => ({ value: r.id, label: ruleLabel(r, byId) })),
    },
  };
}

export function ruleLabel(rule: RuleFacts, connections: ReadonlyMap<string, ConnectionFacts>): string {
  const name = (id: string) => connections.get(id)?.displayName ?? 'an account';
  const types = rule.dataTypes.map((t) => DATA_TYPE_WORDS[t]).join(', ');
  return `${name(rule.sourceConnectionId)} → ${name(rule.destinationConnectionId)} (${types})`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
