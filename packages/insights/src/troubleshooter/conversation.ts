import { randomUUID } from 'node:crypto';
import { Command } from '@langchain/langgraph';
import { NotFoundError, SyncWellError } from '@syncwell/core';
import type { Diagnosis, Question } from './diagnosis.js';
import type { TroubleshooterGraph } from './troubleshooter-graph.js';
import type { Turn, TroubleshooterValues } from './troubleshooter-state.js';

/** A troubleshooting conversation as the API shows it. */
export interface ConversationView {
  readonly id: string;
  readonly status: 'waiting_for_answer' | 'diagnosed';
  readonly transcript: readonly Turn[];
  /** Set while the graph waits for the user. */
  readonly question: Question | null;
  readonly diagnosis: Diagnosis | null;
  /** The diagnostics that ran, in order. */
  readonly checks: readonly string[];
  readonly startedAt: string;
}

/**
 * Start, answer and read conversations on a compiled graph. The thread id is the conversation
 * id; its owner is in the checkpointed state, so another user's id reads as not found.
 */
export class Conversations {
  constructor(
    private readonly graph: TroubleshooterGraph,
    private readonly now: () => Date,
  ) {}

  async start(userId: string, message: string): Promise<ConversationView> {
    const id = randomUUID();
    const at = this.now().toISOString();
    await this.graph.invoke(
      { userId, complaint: message, startedAt: at, transcript: [{ role: 'user', text: message, at }] },
      config(id),
    );
    return this.#mustRead(userId, id);
  }

  async answer(userId: string, id: string, answer: string): Promise<ConversationView> {
    const current = await this.read(userId, id);
    if (current === null) throw new NotFoundError('conversation', id);
    if (current.question === null)
      throw new SyncWellError('SW_INSIGHTS_CONVERSATION_CLOSED', undefined, { id });
    if (!current.question.choices.some((c) => c.value === answer)) {
      throw new SyncWellError('SW_VALIDATION_FAILED', 'The answer must be one of the offered choices', {
        choices: current.question.choices.map((c) => c.value),
      });
    }
    await this.graph.invoke(new Command({ resume: answer }), config(id));
    return this.#mustRead(userId, id);
  }

  async read(userId: string, id: string): Promise<ConversationView | null> {
    const snapshot = await this.graph.getState(config(id));
    const values = snapshot.values as Partial<TroubleshooterValues>;
    if (values.userId !== userId) return null;
    const pending = snapshot.tasks.flatMap((t) => t.interrupts).at(0)?.value as Question | undefined;
    return {
      id,
      status: pending === undefined ? 'diagnosed' : 'waiting_for_answer',
      transcript: values.transcript ?? [],
      question: pending ?? null,
      diagnosis: values.diagnosis ?? null,
      checks: values.checks ?? [],
      startedAt: values.startedAt ?? '',
    };
  }

  async #mustRead(userId: string, id: string): Promise<ConversationView> {
    const view = await this.read(userId, id);
    if (view === null) throw new NotFoundError('conversation', id);
    return view;
  }
}

function config(threadId: string) {
  return { configurable: { thread_id: threadId } };
}
