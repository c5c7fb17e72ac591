import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApiReference } from './api-reference-doc.js';
import { loadOpenApiDocument, type OpenApiDocument } from './openapi-document.js';

describe('the documented API contract', () => {
  let served: OpenApiDocument;

  beforeAll(async () => {
    served = await loadOpenApiDocument();
  });

  it('docs/api.md is exactly what the served OpenAPI document says (run `npm run docs` after changing routes)', () => {
    const committed = readFileSync(new URL('../../../../../docs/api.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderApiReference(served));
  });

  it('has one section per route and method the server serves', () => {
    const doc = renderApiReference(served);
    const routes = Object.entries(served.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `### ${method.toUpperCase()} \`${path}\``),
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const heading of routes) expect(doc.split(heading)).toHaveLength(2);
  });

  it('renders shapes it does not know as `unknown` instead of failing (new routes never break the build)', () => {
    const doc = renderApiReference({
      info: { title: 'T', version: '1' },
      paths: {
        '/odd': {
          get: {
            parameters: [{ name: 'q', in: 'query', schema: { type: ['string', 'null'] } }, 'garbage'],
            responses: {
              200: {
                content: {
                  'application/json': {
                    schema: { oneOf: [{ $ref: '#/components/schemas/Thing' }, { const: 3 }, 42] },
                  },
                  'text/html': { schema: { type: 'string' } },
                },
              },
              204: { description: 'nothing' },
            },
          },
          trace: { responses: {} },
        },
      },
    });
    expect(doc).toContain('### GET `/odd`');
    expect(doc).toContain('- `q` (query, optional): string | null');
    expect(doc).toContain('Thing | 3 | unknown');
    expect(doc).toContain('`text/html`');
    expect(doc).toContain('Response 204: nothing');
    expect(doc).not.toContain('TRACE');
  });
});
