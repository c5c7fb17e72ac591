import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '@syncwell/core';

/** The one error shape every 4xx/5xx carries: `{ code, message, details }`. */
export const apiErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

export function errorBody(
  code: ErrorCode,
  message?: string,
  details?: Record<string, unknown>,
): ApiErrorBody {
  return { code, message: message ?? ERROR_CODES[code].text, details: details ?? {} };
}
