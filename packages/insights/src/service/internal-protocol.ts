import { canonicalRecord, dataType } from '@syncwell/core';
import { z } from 'zod';

/*
 * The insights role's internal HTTP protocol (api and worker → insights). Not public: it is
 * reached with a shared bearer secret and never exposed to users; the public surface is
 * `/v1/insights/...` on the api, which calls these.
 */

export const INTERNAL_PATHS = {
  health: '/health',
  mergeSuggestions: '/internal/merge-suggestions',
  conversations: '/internal/conversations',
  conversation: (id: string) => `/internal/conversations/${encodeURIComponent(id)}`,
  answers: (id: string) => `/internal/conversations/${encodeURIComponent(id)}/answers`,
  weeklySummaries: '/internal/weekly-summaries',
} as const;

export const mergeRequest = z.strictObject({
  dataType,
  source: canonicalRecord,
  destination: canonicalRecord,
});

export const startRequest = z.strictObject({
  userId: z.string().min(1).max(100),
  message: z.string().min(1).max(2000),
});
export const answerRequest = z.strictObject({
  userId: z.string().min(1).max(100),
  answer: z.string().min(1).max(200),
});
export const userRequest = z.strictObject({ userId: z.string().min(1).max(100) });

/** An error body both sides understand: the catalogue code travels, the message is for logs. */
export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
