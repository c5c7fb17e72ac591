import type { ProviderFacts, TokenSet } from '@syncwell/core';

/** The fields of a token response (RFC 6749 §5.1) that every provider's schema shares. */
export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string | undefined;
  readonly expires_in?: number | null | undefined;
  readonly scope?: string | undefined;
}

/**
 * Maps a token response to a `TokenSet`: `expires_in` becomes an absolute `expiresAt` (null when
 * absent), a granted `scope` is split by the facts' separator (the declared scopes when absent or
 * empty), and an answer without a refresh token keeps `previousRefreshToken`: a refresh that does
 * not rotate, or one that does, where keeping the old token beats losing the connection.
 *
 * @example
 * toTokenSet({ access_token: 'a', expires_in: 3600 }, facts, new Date(), 'r0'); // refreshToken 'r0'
 */
export function toTokenSet(
  raw: TokenResponse,
  facts: ProviderFacts,
  now: Date,
  previousRefreshToken: string | null = null,
): TokenSet {
  const expiresIn = raw.expires_in ?? null;
  return {
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token ?? previousRefreshToken,
    expiresAt: expiresIn === null ? null : new Date(now.getTime() + expiresIn * 1000),
    scopes: grantedScopes(raw.scope, facts),
  };
}

function grantedScopes(scope: string | undefined, facts: ProviderFacts): readonly string[] {
  const separator = facts.auth.scopeSeparator === ' ' ? /\s+/ : facts.auth.scopeSeparator;
  const granted = (scope ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return granted.length > 0 ? granted : facts.auth.scopes;
}
