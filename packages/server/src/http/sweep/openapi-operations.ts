import type { FastifyInstance } from 'fastify';

/** A JSON Schema as @fastify/swagger serves it (the slice the sweeps read). */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly nullable?: boolean;
}

export interface ApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One operation of the served OpenAPI document: what a sweep needs to call it. */
export interface ApiOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. `/v1/rules/{id}`. */
  readonly path: string;
  readonly parameters: readonly ApiParameter[];
  /** The JSON body's schema; undefined when the operation takes no JSON body. */
  readonly body: { readonly schema: JsonSchema; readonly required: boolean } | undefined;
  /** Bearer-protected (the document marks them from the auth hook itself). */
  readonly secured: boolean;
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, RawOperation>>;
}
interface RawOperation {
  readonly parameters?: readonly ApiParameter[];
  readonly requestBody?: {
    readonly required?: boolean;
    readonly content?: Record<string, { schema?: JsonSchema }>;
  };
  readonly security?: readonly unknown[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every operation the app serves, read from its own OpenAPI document (`/docs/json`), so a sweep
 * over this list covers a route the day it is added.
 */
export async function servedOperations(app: FastifyInstance): Promise<ApiOperation[]> {
  const reply = await app.inject({ method: 'GET', url: '/docs/json' });
  const doc = reply.json<OpenApiDocument>();
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const json = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as ApiOperation['method'],
        path,
        parameters: op.parameters ?? [],
        body: json === undefined ? undefined : { schema: json, required: op.requestBody?.required === true },
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return operations;
}

/** `/v1/rules/{id}` with `{ id: 'x' }` → `/v1/rules/x` (each value URI-encoded). */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return uriComponent(value);
  });
}

export function pathParameterNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

export const operationName = (op: Pick<ApiOperation, 'method' | 'path'>): string => `${op.method} ${op.path}`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent that takes any string: lone surrogates become U+FFFD instead of throwing. */
export function uriComponent(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}
