import { ProviderError, type OAuthClient, type ProviderSession, type TokenSet } from '@syncwell/core';
import type { ConnectionRow, MetadataStore } from '../store/port.js';
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
}

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
    const now = (this.deps.now ?? Date.now)();
    if (expiresAt !== undefined && expiresAt - this.deps.refreshMarginMs <= now && this.canRefresh()) {
      return (await this.refresh()).accessToken;
    }
    return this.tokens.accessToken;
  }

  async refreshAccessToken(): Promise<string> {
    if (!this.canRefresh()) {
      await this.deps.store.setConnectionStatus(this.row.id, 'needs_reauth');
      throw new ProviderError(
        'SW_PROVIDER_AUTH_EXPIRED',
        'The provider rejected the token and offers no refresh',
      );
    }
    return (await this.refresh()).accessToken;
  }

  private canRefresh(): boolean {
    return this.deps.oauth.refresh !== undefined && this.tokens.refreshToken !== null;
  }

  private async refresh(): Promise<TokenSet> {
    const fresh = await this.deps.refreshes.run(this.row.id, () => this.refreshOnce());
    this.tokens = fresh;
    return fresh;
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
      if (error instanceof ProviderError && error.retryClass === 'auth') {
        await store.setConnectionStatus(this.row.id, 'needs_reauth');
      }
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
}
