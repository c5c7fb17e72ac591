import { z } from 'zod';

/**
 * Zod field builders for environment values. An empty or blank value counts as unset, since
 * `FOO=` in a .env file usually means "no value". Each message completes the sentence
 * "Invalid configuration: <SETTING> ..." and never echoes the value (it may be a secret).
 */
function blankAsUnset(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const HTTP_URL_PROBLEM = 'must be an absolute http(s) URL without query or fragment';

export function optionalText() {
  return z.preprocess(blankAsUnset, z.string().max(4096, { error: 'is too long' }).optional());
}

export function textWithDefault(fallback: string) {
  return z.preprocess(blankAsUnset, z.string().max(4096, { error: 'is too long' }).default(fallback));
}

export function portWithDefault(fallback: number) {
  const problem = 'must be an integer between 1 and 65535';
  return z.preprocess(
    blankAsUnset,
    z
      .string({ error: problem })
      .regex(/^\d{1,5}$/, { error: problem })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: problem }).max(65_535, { error: problem }))
      .default(fallback),
  );
}

/** An absolute http(s) URL, returned without a trailing slash so paths can be appended. */
export function optionalHttpUrl() {
  return z.preprocess(
    blankAsUnset,
    z
      .string({ error: HTTP_URL_PROBLEM })
      .refine(isPlainHttpUrl, { error: HTTP_URL_PROBLEM })
      .transform((raw) => new URL(raw).href.replace(/\/+$/, ''))
      .optional(),
  );
}

export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
) {
  return z.preprocess(
    (value) => {
      const unset = blankAsUnset(value);
      return typeof unset === 'string' ? unset.toLowerCase() : unset;
    },
    z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback),
  );
}

function isPlainHttpUrl(raw: string): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
}

/** A connection URL with one of the given schemes; the message never echoes it (it may hold a password). */
export function optionalServiceUrl(schemes: readonly string[]) {
  const problem = `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`;
  return z.preprocess(
    blankAsUnset,
    z
      .string({ error: problem })
      .refine(
        (raw) => {
          try {
            const url = new URL(raw);
            return schemes.includes(url.protocol) && url.hostname !== '';
          } catch {
            return false;
          }
        },
        { error: problem },
      )
      .optional(),
  );
}

function integerText(min: number, max: number) {
  const problem = `must be an integer between ${min} and ${max}`;
  return z
    .string({ error: problem })
    .regex(/^\d+$/, { error: problem })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: problem }).max(max, { error: problem }));
}

export function intInRange(fallback: number, min: number, max: number) {
  return z.preprocess(blankAsUnset, integerText(min, max).default(fallback));
}

export function optionalIntInRange(min: number, max: number) {
  return z.preprocess(blankAsUnset, integerText(min, max).optional());
}

/**
 * `SYNCWELL_DEMO_LINKS`: a JSON array of `{ "label", "url" }` (http(s) URLs) the web app lists in
 * demo mode; `syncwell start --with-simulators` sets it. Unset is an empty list.
 */
export function demoLinks() {
  const problem = 'must be a JSON array of { "label": text, "url": http(s) URL }';
  const link = z.strictObject(
    {
      label: z.string({ error: problem }).min(1, { error: problem }).max(200, { error: problem }),
      url: z.string({ error: problem }).refine(isPlainHttpUrl, { error: problem }),
    },
    { error: problem },
  );
  return z.preprocess(
    (value) => {
      const unset = blankAsUnset(value);
      if (typeof unset !== 'string') return unset;
      try {
        return JSON.parse(unset) as unknown;
      } catch {
        return null;
      }
    },
    z.array(link, { error: problem }).max(20, { error: problem }).default([]),
  );
}
