import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.js';

/*
 * fast-check arbitraries from the JSON Schemas of the served OpenAPI document: values the schema
 * accepts (so inputs reach the handlers, not only the validator), near misses (one property
 * wrong), and hostile values no schema describes.
 */

const MAX_DEPTH = 4;

/** Values the schema describes (modulo refinements the document cannot express). */
export function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined && union.length > 0)
    return fc.oneof(...union.map((s) => arbitraryOf(s, depth + 1)));
  const first = schema.allOf?.[0];
  if (first !== undefined) return arbitraryOf(first, depth + 1);
  const base = baseArbitrary(schema, typeOf(schema), depth);
  return schema.nullable === true ? fc.option(base, { nil: null }) : base;
}

function baseArbitrary(schema: JsonSchema, type: string | undefined, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > MAX_DEPTH) return fc.constant([]);
      return fc.array(arbitraryOf(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object':
      return objectArbitrary(schema, depth);
    default:
      return depth > MAX_DEPTH ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2060-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2060-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    default:
      break;
  }
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  const min = schema.minLength ?? 0;
  return fc.string({
    unit: 'grapheme',
    minLength: min,
    maxLength: Math.min(schema.maxLength ?? 40, min + 40),
  });
}

function objectArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  if (Object.keys(properties).length === 0)
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(properties)) record[key] = arbitraryOf(value, depth + 1);
  return fc.record(record, { requiredKeys: required.filter((k) => k in properties) });
}

/** One wrong thing in an otherwise valid object: a property of the wrong type, missing or extra. */
export function nearMissOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  if (keys.length === 0) return hostileValue();
  return fc
    .tuple(arbitraryOf(schema), fc.constantFrom(...keys), hostileValue(), fc.integer({ min: 0, max: 2 }))
    .map(([valid, key, wrong, how]) => {
      const copy = { ...(valid as Record<string, unknown>) };
      if (how === 1) return Object.fromEntries(Object.entries(copy).filter(([k]) => k !== key));
      copy[how === 0 ? key : `${key}Extra`] = wrong;
      return copy;
    });
}

/** Values no schema of ours accepts anywhere, or accepts only at its edges. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null,
      true,
      0,
      -0,
      -1,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      2 ** 63,
      4.2e-320,
      '',
      ' ',
      '\u0000',
      '\ud800',
      '\u202e\u0041',
      '💩'.repeat(300),
      'null',
      '{}',
      '../../etc/passwd',
      "' OR 1=1 --",
      '%00',
      [],
      {},
    ),
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.string({ unit: 'grapheme', maxLength: 64 }),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
    fc.double(),
    fc.bigInt().map((n) => Number(n)),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 20 }),
    fc.integer({ min: 50, max: 800 }).map((depth) => deepArray(depth)),
    fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  );
}

const deepArray = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Raw request bodies JSON.stringify cannot make: prototype keys, malformed JSON, huge nesting. */
export function hostileRawBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    valid.map((v) => injectKey(JSON.stringify(v), '"__proto__":{"isAdmin":true}')),
    valid.map((v) => injectKey(JSON.stringify(v), '"constructor":{"prototype":{"polluted":1}}')),
    valid.map((v) => injectKey(JSON.stringify(v), '"__proto__":null')),
    fc.constantFrom('', '{', '}', '[', 'nul', '{"a":', '{"a":1,}', "{'a':1}", 'NaN', '\u0000', '1e99999'),
    fc.integer({ min: 1000, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    fc.integer({ min: 1000, max: 5_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    // Past the body limit (256 KiB).
    fc.constant(`{"a":"${'x'.repeat(300 * 1024)}"}`),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
}

function injectKey(json: string | undefined, member: string): string {
  if (json === undefined || !json.startsWith('{')) return `{${member}}`;
  return json === '{}' ? `{${member}}` : `{${member},${json.slice(1)}`;
}

/** The smallest value the schema accepts, for a request that must get past validation. */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0];
  const first = (schema.anyOf ?? schema.oneOf ?? schema.allOf)?.[0];
  if (first !== undefined) return exampleOf(first);
  switch (typeOf(schema)) {
    case 'string':
      return fc.sample(stringArbitrary(schema), { numRuns: 1, seed: 1 })[0];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items ?? {}));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = exampleOf(schema.properties?.[key] ?? {});
      return out;
    }
    default:
      return null;
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  return typeof schema.type === 'string' ? schema.type : schema.type?.[0];
}
