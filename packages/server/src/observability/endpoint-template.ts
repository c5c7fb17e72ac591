const WORD = /^[A-Za-z][A-Za-z_.-]{0,39}$/;
const VERSION = /^v\d{1,2}(\.\d{1,2})?$/;
const MAX_SEGMENTS = 8;

/**
 * A request path as a bounded metric label: words and API versions stay, every other segment
 * (numeric ids, UUIDs, hashes, dates, file names) becomes `:id`, and the query string is gone.
 * `/api/v3/activities/123/streams` → `/api/v3/activities/:id/streams`.
 */
export function endpointTemplate(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const kept = segments
    .slice(0, MAX_SEGMENTS)
    .map((s) => ((WORD.test(s) && !/[A-Za-z]\d|\d[A-Za-z]/.test(s)) || VERSION.test(s) ? s : ':id'));
  return `/${kept.join('/')}${segments.length > MAX_SEGMENTS ? '/…' : ''}`;
}
