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
import {
  codeGrantForm,
  oauthErrorOf,
  postTokenForm,
  refusedExchange,
  refusedRefresh,
} from '../oauth/token-endpoint.js';
import { toTokenSet } from '../oauth/token-set.js';
import { whoopFacts } from './facts.js';
import { whoopProfile, whoopTokenResponse, type WhoopTokenResponse } from './schemas.js';

/**
 * WHOOP's OAuth 2.0 code flow: client credentials in the form body, no PKCE (not documented),
 * a refresh token only with the `offline` scope, `expires_in: 3600`, and a new refresh token on
 * every refresh (stored by the caller before use: we treat the old one as dead). The token
 * answer names no user, so the code exchange reads the basic profile for `user_id`.
 */
export class WhoopOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
    private readonly now: () => Date = systemClock.now,
  ) {}

  // WHOOP refuses a state shorter than 8 characters; the server's states are far longer.
  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(whoopFacts, this.config, params);
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.postToken(codeGrantForm(whoopFacts, params));
    if (reply.status !== 200) throw refusedExchange(reply, whoopFacts);
    const tokens = this.tokenSet(readJsonAs(reply, whoopTokenResponse, 'WHOOP token response'), null);
    const profile = await this.http.send({
      method: 'GET',
      url: joinUrl(this.config.baseUrls.api, '/v2/user/profile/basic'),
      headers: bearer(tokens.accessToken),
    });
    return { tokens, externalUserId: readJsonAs(profile, whoopProfile, 'WHOOP profile').user_id };
  }

  /** WHOOP wants `scope=offline` again on refresh; a 401 there means the grant is gone too. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.postToken({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: 'offline',
    });
    if (reply.status !== 200) {
      throw refusedRefresh(
        reply,
        whoopFacts,
        reply.status === 401 || oauthErrorOf(reply) === 'invalid_grant',
      );
    }
    return this.tokenSet(readJsonAs(reply, whoopTokenResponse, 'WHOOP token response'), refreshToken);
  }

  /** `DELETE /v2/user/access` ends our access to the user's data. Best effort. */
  async revoke(tokens: TokenSet): Promise<void> {
    try {
      await this.http.send({
        method: 'DELETE',
        url: joinUrl(this.config.baseUrls.api, '/v2/user/access'),
        headers: bearer(tokens.accessToken),
        allowStatuses: [401, 404],
      });
    } catch {
      // The disconnect goes on regardless; our copy of the tokens is deleted either way.
    }
  }

  private postToken(form: Record<string, string>): Promise<HttpReply> {
    return postTokenForm(this.http, whoopFacts, this.config, form);
  }

  /** No refresh token when `offline` was not granted: then the connection re-authorises hourly. */
  private tokenSet(body: WhoopTokenResponse, previousRefreshToken: string | null): TokenSet {
    return toTokenSet(body, whoopFacts, this.now(), previousRefreshToken);
  }
}
