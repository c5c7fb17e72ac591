import { isErrorCode, SyncWellError } from '@syncwell/core';
import type { ConflictPair, MergeSuggestion } from '../merge/merge-advisor.js';
import type { WeeklySummary } from '../summaries/weekly-summary.js';
import type { ConversationView } from '../troubleshooter/conversation.js';
import type { InsightsApi } from './insights-api.js';
import { errorBody, INTERNAL_PATHS } from './internal-protocol.js';

/**
 * The insights role seen from the api and worker: the same `InsightsApi`, over HTTP. Wrap it in
 * `resilientInsights` for the timeout and breaker; this class only speaks the protocol.
 *
 * @example
 *   const insights = resilientInsights(new HttpInsightsClient(url, token));
 */
export class HttpInsightsClient implements InsightsApi {
  constructor(
    private readonly baseUrl: string,
    private readonly authToken: string,
  ) {}

  suggestMerge(pair: ConflictPair, signal?: AbortSignal): Promise<MergeSuggestion> {
    return this.#call('POST', INTERNAL_PATHS.mergeSuggestions, pair, signal);
  }

  startConversation(
    input: { userId: string; message: string },
    signal?: AbortSignal,
  ): Promise<ConversationView> {
    return this.#call('POST', INTERNAL_PATHS.conversations, input, signal);
  }

  answerConversation(
    input: { userId: string; conversationId: string; answer: string },
    signal?: AbortSignal,
  ): Promise<ConversationView> {
    return this.#call(
      'POST',
      INTERNAL_PATHS.answers(input.conversationId),
      { userId: input.userId, answer: input.answer },
      signal,
    );
  }

  async readConversation(
    input: { userId: string; conversationId: string },
    signal?: AbortSignal,
  ): Promise<ConversationView | null> {
    const path = `${INTERNAL_PATHS.conversation(input.conversationId)}?userId=${encodeURIComponent(input.userId)}`;
    try {
      return await this.#call<ConversationView>('GET', path, undefined, signal);
    } catch (error) {
      if (error instanceof SyncWellError && error.code === 'SW_NOT_FOUND') return null;
      throw error;
    }
  }

  weeklySummary(input: { userId: string }, signal?: AbortSignal): Promise<WeeklySummary> {
    return this.#call('POST', INTERNAL_PATHS.weeklySummaries, input, signal);
  }

  async #call<T>(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.authToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal === undefined ? {} : { signal }),
    });
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return json as T;
    const parsed = errorBody.safeParse(json);
    const code =
      parsed.success && isErrorCode(parsed.data.code) ? parsed.data.code : 'SW_INSIGHTS_UNAVAILABLE';
    throw new SyncWellError(
      code,
      parsed.success ? parsed.data.message : `insights answered ${response.status}`,
      parsed.success ? parsed.data.details : undefined,
    );
  }
}
