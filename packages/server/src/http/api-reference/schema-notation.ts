/**
 * JSON Schema (as @fastify/swagger emits it) in a TypeScript-like notation a reader takes in at a
 * glance: `{ id: string; tags?: ("a" | "b")[] }`, with constraints as trailing comments. Anything
 * it does not recognise prints as `unknown` rather than failing, so new routes never break the
 * reference.
 */
type Schema = Readonly<Record<string, unknown>>;

const INDENT = '  ';
/** zod's integer bounds: present on every `z.number().int()`, and no constraint worth printing. */
const SAFE_INTEGER = 9_007_199_254_740_991;

export function schemaNotation(schema: unknown, depth = 0): string {
  if (!isSchema(schema)) return 'unknown';
  const base = baseNotation(schema, depth);
  return schema.nullable === true ? `${base} | null` : base;
}

function baseNotation(schema: Schema, depth: number): string {
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1) ?? 'unknown';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  for (const [key, joiner] of [
    ['anyOf', ' | '],
    ['oneOf', ' | '],
    ['allOf', ' & '],
  ] as const) {
    const parts = schema[key];
    if (Array.isArray(parts)) return parts.map((part) => schemaNotation(part, depth)).join(joiner);
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  switch (type) {
    case 'object':
      return objectNotation(schema, depth);
    case 'array': {
      const items = schemaNotation(schema.items, depth);
      return /[ |&]/.test(items) && !items.startsWith('{') ? `(${items})[]` : `${items}[]`;
    }
    case 'integer':
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
      return type;
    default:
      return typeof type === 'string' ? type : 'unknown';
  }
}

function objectNotation(schema: Schema, depth: number): string {
  const properties = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
  const extra = schema.additionalProperties;
  if (properties.length === 0) {
    return isSchema(extra) ? `{ [key: string]: ${schemaNotation(extra, depth)} }` : '{}';
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const pad = INDENT.repeat(depth + 1);
  const lines = properties.map(([name, property]) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    const notes = isSchema(property) ? constraints(property) : [];
    const comment = notes.length === 0 ? '' : ` // ${notes.join('; ')}`;
    return `${pad}${key}${required.has(name) ? '' : '?'}: ${schemaNotation(property, depth + 1)};${comment}`;
  });
  if (isSchema(extra)) lines.push(`${pad}[key: string]: ${schemaNotation(extra, depth + 1)};`);
  return `{\n${lines.join('\n')}\n${INDENT.repeat(depth)}}`;
}

/** The limits a field's type does not show: format, bounds, lengths, defaults. */
export function constraints(schema: Schema): string[] {
  const notes: string[] = [];
  const items = isSchema(schema.items) ? schema.items : undefined;
  const format = schema.format ?? items?.format;
  if (typeof format === 'string') notes.push(format);
  const range = bounds(schema.minimum, schema.maximum, '');
  if (range !== undefined) notes.push(range);
  const length = bounds(schema.minLength, schema.maxLength, 'character');
  if (length !== undefined) notes.push(length);
  const count = bounds(schema.minItems, schema.maxItems, 'item');
  if (count !== undefined) notes.push(count);
  if ('default' in schema) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (typeof schema.description === 'string') notes.push(schema.description);
  return notes;
}

/** `1–64 characters`, `at least 1 item`; a bare range for numbers (`unit` empty). */
function bounds(min: unknown, max: unknown, unit: string): string | undefined {
  const low = typeof min === 'number' && min !== -SAFE_INTEGER ? min : undefined;
  const high = typeof max === 'number' && max !== SAFE_INTEGER ? max : undefined;
  const of = (n: number) => (unit === '' ? '' : ` ${unit}${n === 1 ? '' : 's'}`);
  if (low !== undefined && high !== undefined) return `${low}–${high}${of(high)}`;
  if (low !== undefined) return `at least ${low}${of(low)}`;
  if (high !== undefined) return `at most ${high}${of(high)}`;
  return undefined;
}

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
