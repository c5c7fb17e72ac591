import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { askModel } from '../llm/chat-text.js';
import type { Diagnosis, Question } from './diagnosis.js';

const VOICE =
  'You are SyncWell support. SyncWell copies health data between fitness platforms. Be brief, friendly and concrete. ' +
  'Never invent facts, numbers, times or steps that are not in the message. Answer with the text only.';

/**
 * With an LLM configured, the graph's questions and explanations are phrased by it; the
 * decisions (which question, which diagnosis, which actions) stay the rules'. Any failure of the
 * model keeps the template text: phrasing is never worth a broken conversation.
 */
export async function phraseQuestion(
  model: BaseChatModel | undefined,
  question: Question,
): Promise<Question> {
  if (model === undefined) return question;
  const choices = question.choices.map((c) => c.label).join(' / ');
  const text = await askModel(
    model,
    VOICE,
    `Rephrase this question to the user in one sentence. The user will answer with one of: ${choices}.\n\n${question.text}`,
  ).catch(() => '');
  return text === '' ? question : { ...question, text };
}

export async function phraseExplanation(
  model: BaseChatModel | undefined,
  diagnosis: Diagnosis,
): Promise<Diagnosis> {
  if (model === undefined) return diagnosis;
  const steps = diagnosis.actions.map((a, i) => `${i + 1}. ${a.label}`).join('\n');
  const text = await askModel(
    model,
    VOICE,
    `Explain this diagnosis to the user in at most four sentences, then list the steps unchanged.\n\nDiagnosis: ${diagnosis.title}\n${diagnosis.explanation}\n\nSteps:\n${steps}`,
  ).catch(() => '');
  return text === '' ? diagnosis : { ...diagnosis, explanation: text };
}
