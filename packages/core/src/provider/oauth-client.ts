/** Tokens as stored (encrypted) by the server. */
export interface TokenSet {
  readonly accessToken: string;
  /** Null for providers without refresh tokens (Polar). */
  readonly refreshToken: string | null;
  /** Null when the access token does not expire. */
  readonly expiresAt: Date | null;
  readonly scopes: readonly string[];
}

/** The result of a code exchange: tokens plus who the user is at the provider. */
export interface OAuthGrant {
  readonly tokens: TokenSet;
  /** The provider's user/athlete id, used to route webhooks to the connection. */
  readonly externalUserId: string;
}

export interface AuthorizeUrlParams {
  readonly state: string;
  readonly redirectUri: string;
  /** S256 challenge; passed only when the provider's facts say it supports PKCE. */
  readonly codeChallenge?: string;
}

export interface ExchangeCodeParams {
  readonly code: string;
  readonly redirectUri: string;
  readonly codeVerifier?: string;
}

/**
 * One provider's OAuth 2.0 flow. Token-endpoint failures throw `ProviderError`; a refused
 * refresh token (`invalid_grant` or the provider's equivalent) uses `SW_PROVIDER_AUTH_REVOKED`.
 *
 * @example
 *   const url = oauth.authorizeUrl({ state, redirectUri, codeChallenge });
 *   const grant = await oauth.exchangeCode({ code, redirectUri, codeVerifier });
 *   await oauth.afterConnect?.(grant); // Polar: register the user
 */
export interface OAuthClient {
  authorizeUrl(params: AuthorizeUrlParams): string;
  exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant>;
  /** Present only where the provider issues refresh tokens. */
  refresh?(refreshToken: string): Promise<TokenSet>;
  /** Provider-side set-up needed before data calls (Polar's mandatory user registration). */
  afterConnect?(grant: OAuthGrant): Promise<void>;
  /** Revokes our access at the provider; best effort, errors are reported not thrown. */
  revoke(tokens: TokenSet, externalUserId: string): Promise<void>;
}
