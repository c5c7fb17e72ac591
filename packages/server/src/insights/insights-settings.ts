import { z } from 'zod';
import { ConfigError } from '../config/config-error.js';

/** How this deployment reaches the insights service (DESIGN §1, §6b). Parsed once at boot. */
export interface InsightsSettings {
  /** Set: the api, worker and scheduler call `syncwell insights` here. Unset: in-process. */
  readonly url: string | undefined;
  /** Where `syncwell insights` listens. */
  readonly host: string;
  readonly port: number;
  /** Per call; a sync never waits longer than this for advice. */
  readonly timeoutMs: number;
}

const schema = z.object({
  SYNCWELL_INSIGHTS_URL: z.url().optional(),
  SYNCWELL_INSIGHTS_HOST: z.string().min(1).default('127.0.0.1'),
  SYNCWELL_INSIGHTS_PORT: z.coerce.number().int().min(0).max(65_535).default(8090),
  SYNCWELL_INSIGHTS_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(2_000),
});

export function loadInsightsSettings(env: Readonly<Record<string, string | undefined>>): InsightsSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'SYNCWELL_INSIGHTS'), issue?.message ?? 'is invalid');
  }
  const e = parsed.data;
  return Object.freeze({
    url: e.SYNCWELL_INSIGHTS_URL,
    host: e.SYNCWELL_INSIGHTS_HOST,
    port: e.SYNCWELL_INSIGHTS_PORT,
    timeoutMs: e.SYNCWELL_INSIGHTS_TIMEOUT_MS,
  });
}
