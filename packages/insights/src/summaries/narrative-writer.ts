import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { askModel } from '../llm/chat-text.js';
import { checkNumbers } from './number-check.js';
import { templateNarrative } from './summary-template.js';
import type { WeeklyAggregates } from './weekly-aggregates.js';

export interface Narrative {
  readonly text: string;
  readonly writer: 'template' | 'llm';
  /** Model drafts tried; 0 without a model. */
  readonly attempts: number;
  /** Numbers each rejected draft invented, in order. */
  readonly rejected: readonly (readonly string[])[];
}

const SYSTEM =
  'You write a short, warm weekly health summary (3 to 5 sentences) for the person whose data this is. ' +
  'Use ONLY numbers that appear in the JSON, exactly as they appear there (you may add thousands separators). ' +
  'Never compute a new number: no sums, differences, conversions, percentages or rounding. ' +
  'Do not mention dates or the number of days. No medical advice. Answer with the summary text only.';

/**
 * The narrative: the template by default; with a model, its draft if every number in it is a
 * computed aggregate, else another draft told which numbers were wrong, and after `maxAttempts`
 * the template. A failing model (timeout, error) also ends in the template.
 */
export async function writeNarrative(
  aggregates: WeeklyAggregates,
  model: BaseChatModel | undefined,
  maxAttempts = 3,
): Promise<Narrative> {
  const template = templateNarrative(aggregates);
  if (model === undefined) return { text: template, writer: 'template', attempts: 0, rejected: [] };
  const rejected: string[][] = [];
  const data = JSON.stringify(aggregates);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const feedback =
      rejected.length === 0
        ? ''
        : `\n\nYour previous draft used numbers that are not in the data: ${rejected.at(-1)?.join(', ')}. Write it again with only the given numbers.`;
    const draft = await askModel(model, SYSTEM, `This week's figures:\n${data}${feedback}`).catch(() => null);
    if (draft === null) break;
    const check = checkNumbers(draft, aggregates);
    if (check.ok && draft.length > 0) return { text: draft, writer: 'llm', attempts: attempt, rejected };
    rejected.push([...check.unknown]);
  }
  return { text: template, writer: 'template', attempts: rejected.length, rejected };
}
