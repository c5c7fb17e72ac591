import { ProviderError } from '@syncwell/core';
import type { z } from 'zod';
import type { HttpReply } from './http-types.js';

/**
 * Parses a reply body as JSON. An unreadable body is the provider's fault and worth a retry
 * (`SW_PROVIDER_BAD_RESPONSE`); the body itself never goes into the error, it may hold health data.
 */
export function readJson(reply: HttpReply, what: string): unknown {
  const text = new TextDecoder().decode(reply.body);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', `${what}: body is not JSON`, {
      status: reply.status,
      cause,
    });
  }
}

/** `readJson` plus a schema check of the whole body (for envelopes, not per-record data). */
export function readJsonAs<S extends z.ZodType>(reply: HttpReply, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(readJson(reply, what));
  if (!parsed.success) {
    const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
    throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', `${what}: unexpected shape`, {
      status: reply.status,
      details: { paths },
    });
  }
  return parsed.data;
}
