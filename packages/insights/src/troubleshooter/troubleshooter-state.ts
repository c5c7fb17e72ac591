import { Annotation } from '@langchain/langgraph';
import type { Diagnosis, Question } from './diagnosis.js';
import type { Finding } from './findings.js';

export interface Turn {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly at: string;
}

const append = <T>(left: readonly T[], right: readonly T[]): T[] => [...left, ...right];
const latest = <T>(_: T, right: T): T => right;

/**
 * A conversation as the checkpointer keeps it: ids, the user's words, diagnostic findings
 * (statuses, codes, times) and the outcome. No health value can get in: the findings carry none
 * and the tools read no record.
 */
export const TroubleshooterState = Annotation.Root({
  userId: Annotation<string>(),
  startedAt: Annotation<string>(),
  complaint: Annotation<string>(),
  transcript: Annotation<Turn[]>({ reducer: append, default: () => [] }),
  ruleId: Annotation<string | null>({ reducer: latest, default: () => null }),
  findings: Annotation<Finding[]>({ reducer: append, default: () => [] }),
  answers: Annotation<Record<string, string>>({
    reducer: (left, right) => ({ ...left, ...right }),
    default: () => ({}),
  }),
  pendingQuestion: Annotation<Question | null>({ reducer: latest, default: () => null }),
  diagnosis: Annotation<Diagnosis | null>({ reducer: latest, default: () => null }),
  /** Which tools ran, in order, for the user to see what was checked. */
  checks: Annotation<string[]>({ reducer: append, default: () => [] }),
});

export type TroubleshooterValues = typeof TroubleshooterState.State;
export type TroubleshooterUpdate = typeof TroubleshooterState.Update;
