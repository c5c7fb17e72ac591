import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';
import { renderErrorCatalogue } from './error-catalogue-doc.js';

describe('the documented error catalogue', () => {
  it('docs/error-codes.md is exactly what the code says (run `npm run docs` after changing codes)', () => {
    const committed = readFileSync(new URL('../../../../docs/error-codes.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderErrorCatalogue());
  });

  it('lists every code once', () => {
    const doc = renderErrorCatalogue();
    for (const code of Object.keys(ERROR_CODES)) expect(doc.split(`\`${code}\``)).toHaveLength(2);
  });
});
