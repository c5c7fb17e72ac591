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
import { ouraFacts } from './facts.js';
import { ouraPersonalInfo, ouraTokenResponse, type OuraTokenResponse } from './schemas.js';

/**
 * Oura's OAuth 2.0 code flow: client credentials in the form body, space-separated scopes, no
 * PKCE. Refresh tokens rotate and are single-use: a second use (a concurrent refresh that lost the
 * race) gets `invalid_grant`, so the server's single-flight refresh is what keeps a connection.
 */
export class OuraOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
    private readonly now: () => Date = systemClock.now,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(ouraFacts, this.config, params);
  }

  /** Exchanges the code, then reads `personal_info.id`: the user id Oura's webhooks carry. */
  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.postToken(codeGrantForm(ouraFacts, params));
    if (reply.status !== 200) throw refusedExchange(reply, ouraFacts);
    const tokens = this.tokenSet(readJsonAs(reply, ouraTokenResponse, 'Oura token response'), null);
    const info = await this.http.send({
      method: 'GET',
      url: joinUrl(this.config.baseUrls.api, '/v2/usercollection/personal_info'),
      headers: bearer(tokens.accessToken),
    });
    return { tokens, externalUserId: readJsonAs(info, ouraPersonalInfo, 'Oura personal_info').id };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.postToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    if (reply.status !== 200) throw refusedRefresh(reply, ouraFacts);
    return this.tokenSet(readJsonAs(reply, ouraTokenResponse, 'Oura token response'), refreshToken);
  }

  /**
   * `/oauth/revoke?access_token=` at the API origin. Oura puts the token in the query (the HTTP
   * layer never logs queries); the docs leave GET vs POST open, so a 405 to GET retries as POST.
   * Best effort: the disconnect goes on whatever Oura answers.
   */
  async revoke(tokens: TokenSet): Promise<void> {
    const url = joinUrl(new URL(this.config.baseUrls.token).origin, '/oauth/revoke');
    url.searchParams.set('access_token', tokens.accessToken);
    try {
      const reply = await this.http.send({ method: 'GET', url, allowStatuses: [405] });
      if (reply.status === 405) await this.http.send({ method: 'POST', url });
    } catch {
      // Our copy of the tokens is deleted either way.
    }
  }

  private postToken(form: Record<string, string>): Promise<HttpReply> {
    return postTokenForm(this.http, ouraFacts, this.config, form);
  }

  /** An answer without `expires_in` gets Oura's nominal lifetime; a rotated token replaces the old. */
  private tokenSet(body: OuraTokenResponse, previousRefreshToken: string | null): TokenSet {
    const expiresIn = body.expires_in ?? ouraFacts.auth.accessTokenLifetimeSeconds;
    return toTokenSet({ ...body, expires_in: expiresIn }, ouraFacts, this.now(), previousRefreshToken);
  }
}
