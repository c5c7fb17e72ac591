import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { ProviderFacts } from './provider-facts.js';

/**
 * An authenticated view of one connection. The server implements it: it decrypts the tokens,
 * refreshes ahead of expiry (single-flight) and persists rotated tokens.
 */
export interface ProviderSession {
  readonly connectionId: string;
  readonly externalUserId: string;
  accessToken(): Promise<string>;
  /**
   * Called by a client after a 401 on a token it believed valid; returns a fresh token or
   * throws `ProviderError('SW_PROVIDER_AUTH_REVOKED' | 'SW_PROVIDER_AUTH_EXPIRED')`.
   */
  refreshAccessToken(): Promise<string>;
}

export interface TimeRange {
  /** Inclusive UTC start. */
  readonly from: Date;
  /** Exclusive UTC end. */
  readonly to: Date;
}

export interface ReadRequest {
  readonly dataType: DataType;
  /** Opaque, provider-defined; null on the first incremental read. */
  readonly cursor: string | null;
  /** For backfill chunks: read exactly this window instead of from the cursor. */
  readonly range?: TimeRange;
}

/** A source record that could not be turned into a canonical one: skipped with a reason. */
export interface ReadFailure {
  readonly ok: false;
  readonly externalId: string;
  readonly code: ErrorCode;
  readonly message: string;
  /**
   * For a refusal that needs the user (an `auth`-class code such as SW_PROVIDER_FORBIDDEN): the
   * permission or scope they have not granted, as the provider names it, so the notice can say
   * which (Garmin's `HISTORICAL_DATA_EXPORT`).
   */
  readonly permission?: string;
}
/**
 * A record read, with `warnings` when parts of the source were left out or changed on the way
 * (e.g. "3 track points without a time skipped"). Warnings name fields and counts, never values:
 * they reach the run's per-item results.
 */
export interface ReadSuccess {
  readonly ok: true;
  readonly record: CanonicalRecord;
  readonly warnings?: readonly string[];
}
export type ReadItem = ReadSuccess | ReadFailure;

export interface ReadPage {
  readonly items: readonly ReadItem[];
  /** The cursor to store once this page is committed; null keeps the previous one. */
  readonly nextCursor: string | null;
  /** True when another page can be read right away with `nextCursor`. */
  readonly hasMore: boolean;
}

export interface WriteItem {
  readonly record: CanonicalRecord;
  /**
   * SyncWell's idempotency tag for this write. Carried to the destination where the API allows
   * (Strava upload `external_id`), so a retried write is recognised there and a record we wrote
   * is recognised when read back (loop prevention).
   */
  readonly tag: string;
}

export type WriteResult =
  /** `warnings`: what the destination's format could not hold as given (fields and counts, no values). */
  | { readonly status: 'written'; readonly destinationId: string; readonly warnings?: readonly string[] }
  /** The destination already held it (e.g. Strava "duplicate of"): success, with the existing id. */
  | { readonly status: 'duplicate'; readonly destinationId: string }
  | { readonly status: 'failed'; readonly code: ErrorCode; readonly message: string };

/**
 * One platform's data API. A client never knows whether it talks to the real cloud or a
 * simulator: only base URLs and credentials differ.
 *
 * Deliberately absent: OAuth (see `OAuthClient`), token storage, retries and rate budgets
 * (the worker owns them). Whole-request failures (5xx, 429, 401 after refresh) throw
 * `ProviderError`; per-record problems come back as `ReadFailure` / `WriteResult.failed`.
 *
 * @example
 *   let cursor = null;
 *   do { const page = await strava.read(session, { dataType: 'workout', cursor });
 *        cursor = page.nextCursor ?? cursor; } while (page.hasMore);
 */
export interface DataProvider {
  readonly facts: ProviderFacts;
  read(session: ProviderSession, request: ReadRequest): Promise<ReadPage>;
  /** One result per item, in order. Only for types in `facts.capabilities.writable`. */
  write(session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]>;
  /**
   * Looks up a record this provider holds that carries our tag, to settle an open write
   * intent after a crash. Returns its destination id or null when absent.
   */
  findByTag?(session: ProviderSession, item: WriteItem): Promise<string | null>;
  /**
   * One cheap authenticated call (Strava `GET /athlete`, Withings `notify list`, Garmin
   * `user/id`) that proves the grant still stands. Resolves when the provider accepts the token;
   * throws `ProviderError` with an `auth` retry class when it refuses it (after one refresh).
   * Lifecycle notifications ("the user revoked us") are checked with it before anything changes.
   */
  checkAccess?(session: ProviderSession): Promise<void>;
}
