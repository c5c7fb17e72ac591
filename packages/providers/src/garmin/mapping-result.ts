import type { z } from 'zod';

export type Mapped<T> =
  { readonly ok: true; readonly record: T } | { readonly ok: false; readonly message: string };

/** Validates a candidate against the canonical schema; a failure names the fields, never values. */
export function validated<S extends z.ZodType>(
  schema: S,
  candidate: z.input<S>,
  what: string,
): Mapped<z.infer<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data };
  const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
  return { ok: false, message: `${what} failed validation at ${fields.join(', ')}` };
}
