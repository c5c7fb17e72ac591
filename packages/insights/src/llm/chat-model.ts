import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from './llm-config.js';

/**
 * The OpenAI-compatible adapter of the LLM port; `undefined` is the deterministic adapter (the
 * callers' templates and rules). No retries here: each caller falls back on its own, quickly.
 * Nothing calls `getNumTokens`, which would download a tokenizer (no network in production).
 */
export function createChatModel(config: LlmConfig | null): BaseChatModel | undefined {
  if (config === null) return undefined;
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    configuration: { baseURL: config.baseUrl },
    timeout: config.timeoutMs,
    maxRetries: 0,
    temperature: 0,
  });
}
