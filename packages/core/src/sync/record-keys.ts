import type { CanonicalRecord } from '../records/canonical-record.js';

/**
 * A keyed hash (HMAC-SHA256 with a server secret, hex). Injected so that core stays free of
 * Node-only imports; plain hashes are forbidden because health values are guessable (DESIGN §5).
 */
export type KeyedHash = (input: string) => string;

export interface RecordKeys {
  /** Who the record is: type, source provider, source id. Stable across edits at the source. */
  readonly identityKey: string;
  /** What the record says; changes when the source edits it. */
  readonly contentKey: string;
  /** The idempotency tag we carry to the destination. */
  readonly tag: string;
}

/** Prefix of every tag SyncWell writes; providers recognise it when reading back. */
export const SYNC_TAG_PREFIX = 'sw-';

export function recordKeys(record: CanonicalRecord, hash: KeyedHash): RecordKeys {
  const { provider, externalId } = record.provenance;
  const identityKey = hash(`identity\u0000${record.type}\u0000${provider}\u0000${externalId}`);
  const contentKey = hash(`content\u0000${stableStringify(withoutSyncTag(record))}`);
  return { identityKey, contentKey, tag: `${SYNC_TAG_PREFIX}${identityKey.slice(0, 32)}` };
}

function withoutSyncTag(record: CanonicalRecord): CanonicalRecord {
  if (record.provenance.syncTag === undefined) return record;
  const { syncTag: _ignored, ...provenance } = record.provenance;
  return { ...record, provenance };
}

/** JSON with sorted object keys, so equal records hash equally whatever order a client built them in. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
