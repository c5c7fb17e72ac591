import { SyncWellError } from '@syncwell/core';
import { z } from 'zod';

/**
 * The optional LLM (DESIGN §2): any OpenAI-compatible chat endpoint (OpenAI, a Bedrock gateway,
 * vLLM, Ollama). Unset: every feature runs on its deterministic default.
 */
export interface LlmConfig {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
}

const schema = z
  .object({
    SYNCWELL_LLM_BASE_URL: z.url().optional(),
    SYNCWELL_LLM_MODEL: z.string().min(1).optional(),
    // Local servers (vLLM, Ollama) accept any key; the client library insists on one.
    SYNCWELL_LLM_API_KEY: z.string().min(1).default('not-needed'),
    SYNCWELL_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  })
  .refine((env) => env.SYNCWELL_LLM_BASE_URL === undefined || env.SYNCWELL_LLM_MODEL !== undefined, {
    message: 'SYNCWELL_LLM_MODEL is required when SYNCWELL_LLM_BASE_URL is set',
    path: ['SYNCWELL_LLM_MODEL'],
  });

/** Null when no endpoint is configured; throws SW_CONFIG_INVALID naming the bad setting. */
export function loadLlmConfig(env: Readonly<Record<string, string | undefined>>): LlmConfig | null {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncWellError(
      'SW_CONFIG_INVALID',
      `${String(issue?.path[0] ?? 'SYNCWELL_LLM')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const e = parsed.data;
  if (e.SYNCWELL_LLM_BASE_URL === undefined || e.SYNCWELL_LLM_MODEL === undefined) return null;
  return Object.freeze({
    baseUrl: e.SYNCWELL_LLM_BASE_URL,
    model: e.SYNCWELL_LLM_MODEL,
    apiKey: e.SYNCWELL_LLM_API_KEY,
    timeoutMs: e.SYNCWELL_LLM_TIMEOUT_MS,
  });
}
