import { systemClock } from '@syncwell/core';
import type {
  AuthorizeUrlParams,
  ExchangeCodeParams,
  OAuthClient,
  OAuthGrant,
  ProviderClientConfig,
  TokenSet,
} from '@syncwell/core';
import { bearer } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import type { HttpReply } from '../http/http-types.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { buildAuthorizeUrl } from '../oauth/authorize-url.js';
import { codeGrantForm, postTokenForm, refusedExchange, refusedRefresh } from '../oauth/token-endpoint.js';
import { toTokenSet } from '../oauth/token-set.js';
import { googleHealthFacts, googleRevokeUrl } from './facts.js';
import { googleIdentity, googleTokenResponse, type GoogleTokenResponse } from './schemas.js';

/**
 * Google OAuth 2.0 for the Google Health API: PKCE S256, client credentials in the form body,
 * `access_type=offline` + `prompt=consent` for a refresh token, which is long-lived and not
 * rotated (a refresh answer carries none, so the old one is kept). The token response names no
 * user, so the connect step asks `/v4/users/me/identity` for the `healthUserId` notifications use.
 */
export class GoogleHealthOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
    private readonly now: () => Date = systemClock.now,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(googleHealthFacts, this.config, params);
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.postToken(codeGrantForm(googleHealthFacts, params));
    if (reply.status !== 200) throw refusedExchange(reply, googleHealthFacts);
    const tokens = this.tokenSet(readJsonAs(reply, googleTokenResponse, 'Google token response'), null);
    const identity = await this.http.send({
      method: 'GET',
      url: joinUrl(this.config.baseUrls.api, '/v4/users/me/identity'),
      headers: bearer(tokens.accessToken),
    });
    const { healthUserId } = readJsonAs(identity, googleIdentity, 'Google Health identity');
    return { tokens, externalUserId: healthUserId };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.postToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    // Google answers 400 invalid_grant for a revoked, expired (6 months unused) or unknown token.
    if (reply.status !== 200) throw refusedRefresh(reply, googleHealthFacts);
    return this.tokenSet(readJsonAs(reply, googleTokenResponse, 'Google token response'), refreshToken);
  }

  /**
   * `POST oauth2.googleapis.com/revoke`. The doc shows `?token=`; Google accepts the same field
   * form-encoded, which keeps the token out of URLs (and logs). Best effort.
   */
  async revoke(tokens: TokenSet): Promise<void> {
    try {
      await this.http.send({
        method: 'POST',
        url: googleRevokeUrl(this.config.baseUrls.token),
        body: new URLSearchParams({ token: tokens.refreshToken ?? tokens.accessToken }),
      });
    } catch {
      // The disconnect goes on regardless; our copy of the tokens is deleted either way.
    }
  }

  private postToken(form: Record<string, string>): Promise<HttpReply> {
    return postTokenForm(this.http, googleHealthFacts, this.config, form);
  }

  /** Not rotated: a refresh answer carries no refresh token, so the old one is kept. */
  private tokenSet(body: GoogleTokenResponse, previousRefreshToken: string | null): TokenSet {
    return toTokenSet(body, googleHealthFacts, this.now(), previousRefreshToken);
  }
}
