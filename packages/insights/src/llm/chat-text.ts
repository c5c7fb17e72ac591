import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';

/** The text of a model's reply, whatever shape its content came in. */
export function replyText(message: BaseMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content.trim();
  return content
    .map((part) =>
      typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('')
    .trim();
}

/** One system + user exchange; returns the reply's text. Errors propagate: callers fall back. */
export async function askModel(model: BaseChatModel, system: string, user: string): Promise<string> {
  const reply = await model.invoke([new SystemMessage(system), new HumanMessage(user)]);
  return replyText(reply);
}
