/**
 * SyncWell tags look like `sw-<hex>`. Strava keeps an upload's `external_id` but may append the
 * file's extension (`sw-1a2b.fit`), so the tag is read up to the first dot.
 */
const TAG_PATTERN = /^(sw-[0-9a-f]+)(?:\.[a-z0-9.]+)?$/i;

export function syncTagFromExternalId(externalId: string | null | undefined): string | undefined {
  if (externalId === null || externalId === undefined) return undefined;
  return TAG_PATTERN.exec(externalId.trim())?.[1];
}
