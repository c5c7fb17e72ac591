import { writeFileSync } from 'node:fs';
import { renderErrorCatalogue } from '@syncwell/core';

// Regenerates the documents that are derived from code.
writeFileSync(new URL('../docs/error-codes.md', import.meta.url), renderErrorCatalogue());
console.log('wrote docs/error-codes.md');
