import { writeFileSync } from 'node:fs';
import { renderErrorCatalogue } from '@syncwell/core';
import { loadOpenApiDocument } from '../packages/server/src/http/api-reference/openapi-document.js';
import { renderApiReference } from '../packages/server/src/http/api-reference/api-reference-doc.js';

// Regenerates the documents that are derived from code; tests fail when the committed ones differ.
writeFileSync(new URL('../docs/error-codes.md', import.meta.url), renderErrorCatalogue());
console.log('wrote docs/error-codes.md');
writeFileSync(new URL('../docs/api.md', import.meta.url), renderApiReference(await loadOpenApiDocument()));
console.log('wrote docs/api.md');
