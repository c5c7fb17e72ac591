import { epochMs, systemClock } from '@syncwell/core';
import {
  ProviderError,
  SyncWellError,
  type ErrorCode,
  type OAuthClient,
  type ProviderSession,
  type TokenSet,
} from '@syncwell/core';
import type { Coordination } from '../coordination/port.js';
import type { Notifier } from '../notifications/port.js';
import { silentNotifier } from '../notifications/port.js';
import type { ConnectionRow, MetadataStore } from '../store/port.js';
import { raiseConnectionAlarm } from '../tokens/connection-alarms.js';
import type { SecretVault } from '../vault/port.js';
import { openTokenSet, sealTokenSet } from '../auth/connection-tokens.js';

export interface ConnectionSessionDeps {
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly oauth: OAuthClient;
  /** Refresh this long before expiry, so a request never starts with a token about to die. */
  readonly refreshMarginMs: number;
  /** Shared by every session of the process: one refresh per connection at a time. */
  readonly refreshes: RefreshRegistry;
  readonly now?: () => number;
  /**
   * Makes refresh single-flight across processes (`refresh:<connectionId>`). Without it only the
   * in-process registry collapses refreshes: enough for the embedded single process.
   */
  readonly locks?: Pick<Coordination, 'acquireLock'>;
  /** Told when the connection needs the user (needs_reauth, exhausted). */
  readonly notifier?: Notifier;
  /** Failures on this many distinct UTC days (same tokens) make the connection `exhausted`. Default 3. */
  readonly exhaustAfterDays?: number;
  /** How long a process that lost the refresh lock waits for the winner's tokens. Default 10 s. */
  readonly lockWaitMs?: number;
}

const REFRESH_LOCK_TTL_MS = 30_000;
const LOCK_POLL_MS = 100;

/**
 * In-process single flight for token refresh. Providers such as Strava rotate refresh tokens:
 * a second concurrent refresh would present a token the first one just killed.
 */
export class RefreshRegistry {
  private readonly inflight = new Map<string, Promise<TokenSet>>();

  run(connectionId: string, refresh: () => Promise<TokenSet>): Promise<TokenSet> {
    const existing = this.inflight.get(connectionId);
    if (existing) return existing;
    const promise = refresh().finally(() => this.inflight.delete(connectionId));
    this.inflight.set(connectionId, promise);
    return promise;
  }
}

/**
 * A connection's tokens as a `ProviderSession`: decrypts on use, refreshes ahead of expiry,
 * persists rotated tokens with compare-and-swap, and marks the connection `needs_reauth` when
 * the provider refuses the grant.
 */
export class ConnectionSession implements ProviderSession {
  private row: ConnectionRow;
  private tokens: TokenSet;

  constructor(
    connection: ConnectionRow,
    private readonly deps: ConnectionSessionDeps,
  ) {
    this.row = connection;
    this.tokens = openTokenSet(deps.vault, connection.id, connection.tokensSealed);
  }

  get connectionId(): string {
    return this.row.id;
  }

  get externalUserId(): string {
    return this.row.externalUserId;
  }

  async accessToken(): Promise<string> {
    const expiresAt = this.tokens.expiresAt?.getTime();
    const now = (this.deps.now ?? (() => epochMs(systemClock)))();
    if (expiresAt !== undefined && expiresAt - this.deps.refreshMarginMs <= now && this.canRefresh()) {
      return (await this.refresh()).accessToken;
    }
    return this.tokens.accessToken;
  }

  async refreshAccessToken(): Promise<string> {
    if (!this.canRefresh()) {
      await this.alarm('needs_reauth', 'SW_PROVIDER_AUTH_EXPIRED');
      throw new ProviderError(
        'SW_PROVIDER_AUTH_EXPIRED',
        'The provider rejected the token and offers no refresh',
      );
    }
    return (await this.refresh()).accessToken;
  }

  /**
   * Refreshes now, whatever the expiry: the daily keep-alive, so a provider that expires unused
   * refresh tokens (or rotates them) never sees one go stale. False when it cannot refresh.
   */
  async keepAlive(): Promise<boolean> {
    if (!this.canRefresh()) return false;
    await this.refresh();
    return true;
  }

  private canRefresh(): boolean {
    return this.deps.oauth.refresh !== undefined && this.tokens.refreshToken !== null;
  }

  private async refresh(): Promise<TokenSet> {
    const fresh = await this.deps.refreshes.run(this.row.id, () => this.refreshAcrossProcesses());
    this.tokens = fresh;
    return fresh;
  }

  /**
   * The distributed half of single flight. The loser does not refresh: with rotating refresh
   * tokens its request would present a token the winner just spent. It waits and re-reads the
   * row until the winner's newer tokens land, or takes the lock once the winner let go (the
   * winner failed); past `lockWaitMs` the job is retried later.
   */
  private async refreshAcrossProcesses(): Promise<TokenSet> {
    const locks = this.deps.locks;
    if (locks === undefined) return this.refreshOnce();
    // Elapsed time, not the calendar: the monotonic clock.
    const started = performance.now();
    for (;;) {
      const lock = await locks.acquireLock(`refresh:${this.row.id}`, REFRESH_LOCK_TTL_MS);
      if (lock) {
        try {
          return await this.refreshOnce();
        } finally {
          await lock.release().catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      const latest = await this.deps.store.getConnection(this.row.id);
      if (latest && latest.tokenVersion !== this.row.tokenVersion) {
        this.row = latest;
        return openTokenSet(this.deps.vault, latest.id, latest.tokensSealed);
      }
      if (performance.now() - started >= (this.deps.lockWaitMs ?? 10_000)) {
        throw new ProviderError(
          'SW_PROVIDER_UNAVAILABLE',
          'Another process is refreshing this connection and has not finished',
        );
      }
    }
  }

  private async refreshOnce(): Promise<TokenSet> {
    const { store, vault, oauth } = this.deps;
    // Another process may have rotated the tokens since we loaded them: use theirs if newer.
    const latest = await store.getConnection(this.row.id);
    if (latest && latest.tokenVersion !== this.row.tokenVersion) {
      this.row = latest;
      const theirs = openTokenSet(vault, latest.id, latest.tokensSealed);
      if (theirs.accessToken !== this.tokens.accessToken) return theirs;
      this.tokens = theirs;
    }
    const refreshToken = this.tokens.refreshToken;
    if (refreshToken === null || oauth.refresh === undefined) return this.tokens;
    let next: TokenSet;
    try {
      next = await oauth.refresh(refreshToken);
    } catch (error) {
      // A rotating provider refuses our refresh token when another process rotated it after
      // we read the row: its stored tokens are good, and the connection is not broken.
      const after = await store.getConnection(this.row.id);
      if (after && after.tokenVersion !== this.row.tokenVersion) {
        this.row = after;
        return openTokenSet(vault, after.id, after.tokensSealed);
      }
      await this.recordFailure(error);
      throw error;
    }
    const merged: TokenSet = { ...next, refreshToken: next.refreshToken ?? refreshToken };
    const stored = await store.updateConnectionTokens({
      connectionId: this.row.id,
      expectedVersion: this.row.tokenVersion,
      tokensSealed: sealTokenSet(vault, this.row.id, merged),
      tokenExpiresAt: merged.expiresAt,
      scopes: merged.scopes,
    });
    const reloaded = await store.getConnection(this.row.id);
    if (reloaded) this.row = reloaded;
    if (!stored && reloaded) return openTokenSet(vault, reloaded.id, reloaded.tokensSealed);
    return merged;
  }

  /**
   * Tallies a failed refresh by UTC day. An auth refusal needs the user at once; other failures
   * (token endpoint down, timeouts) are retried, but on several different days with the same
   * tokens the refresh token is presumed dead and the user is asked to reconnect.
   */
  private async recordFailure(error: unknown): Promise<void> {
    const code = error instanceof SyncWellError ? error.code : 'SW_INTERNAL';
    const days = await this.deps.store.recordRefreshFailure({
      connectionId: this.row.id,
      tokenVersion: this.row.tokenVersion,
      at: new Date((this.deps.now ?? (() => epochMs(systemClock)))()),
      code,
    });
    if (days >= (this.deps.exhaustAfterDays ?? 3)) await this.alarm('exhausted', code);
    else if (error instanceof ProviderError && error.retryClass === 'auth')
      await this.alarm('needs_reauth', code);
  }

  private alarm(status: 'needs_reauth' | 'exhausted', code: ErrorCode): Promise<void> {
    return raiseConnectionAlarm(
      { store: this.deps.store, notifier: this.deps.notifier ?? silentNotifier },
      this.row,
      status,
      code,
    );
  }
}
