import { ERROR_CODES } from './error-codes.js';

const RETRY_MEANING = {
  none: 'not a failure, or answered to the caller',
  retry: 'retried with backoff, then dead-lettered',
  auth: 'stops; the connection needs the user',
  skip: 'this record is skipped; the run goes on',
} as const;

/**
 * The catalogue as Markdown (docs/error-codes.md). Generated from the code so the document can
 * never drift: a test compares the committed file with this output.
 */
export function renderErrorCatalogue(): string {
  const rows = Object.entries(ERROR_CODES).map(
    ([code, entry]) => `| \`${code}\` | ${entry.http} | ${RETRY_MEANING[entry.retry]} | ${entry.text} |`,
  );
  return [
    '# Error and reason codes',
    '',
    'Every API error body is `{ "code", "message", "details" }` and every item of every sync run carries one of',
    'these codes (`GET /v1/runs/{id}`). Codes are stable: a code never changes meaning once shipped.',
    'Generated from `packages/core/src/errors/error-codes.ts`; do not edit by hand (`npm run docs`).',
    '',
    '| code | HTTP | what the worker does | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
