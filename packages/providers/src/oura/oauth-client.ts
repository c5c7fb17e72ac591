import {
  ProviderError,
  type OAuthClient,
  type OAuthGrant,
  type ProviderClientConfig,
  type TokenSet,
} from '@syncwell/core';
import { bearer } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import type { HttpReply } from '../http/http-types.js';
import { readJson, readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { ouraFacts } from './facts.js';
import { ouraOAuthError, ouraPersonalInfo, ouraTokenResponse, type OuraTokenResponse } from './schemas.js';

/**
 * Oura's OAuth 2.0 code flow: client credentials in the form body, space-separated scopes, no
 * PKCE. Refresh tokens rotate and are single-use: a second use (a concurrent refresh that lost the
 * race) gets `invalid_grant`, so the server's single-flight refresh is what keeps a connection.
 */
export class OuraOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizeUrl(params: { state: string; redirectUri: string }): string {
    const url = new URL(this.config.baseUrls.authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('scope', ouraFacts.auth.scopes.join(ouraFacts.auth.scopeSeparator));
    url.searchParams.set('state', params.state);
    return url.toString();
  }

  /** Exchanges the code, then reads `personal_info.id`: the user id Oura's webhooks carry. */
  async exchangeCode(params: { code: string; redirectUri: string }): Promise<OAuthGrant> {
    const reply = await this.postToken({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
    });
    if (reply.status !== 200) {
      throw new ProviderError(
        'SW_OAUTH_EXCHANGE_FAILED',
        `Oura refused the authorization code (${reply.status})`,
        {
          status: reply.status,
        },
      );
    }
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
    if (reply.status !== 200) {
      if (isInvalidGrant(reply)) {
        throw new ProviderError('SW_PROVIDER_AUTH_REVOKED', 'Oura refused the refresh token', {
          status: reply.status,
        });
      }
      throw new ProviderError(
        'SW_PROVIDER_REQUEST_REJECTED',
        `Oura token endpoint answered ${reply.status}`,
        {
          status: reply.status,
        },
      );
    }
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

  private postToken(fields: Record<string, string>): Promise<HttpReply> {
    return this.http.send({
      method: 'POST',
      url: this.config.baseUrls.token,
      body: new URLSearchParams({
        ...fields,
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
      }),
      allowStatuses: [400, 401],
    });
  }

  private tokenSet(body: OuraTokenResponse, previousRefreshToken: string | null): TokenSet {
    const lifetime = body.expires_in ?? ouraFacts.auth.accessTokenLifetimeSeconds;
    return {
      accessToken: body.access_token,
      // A rotated token replaces the old one, which is dead from now on.
      refreshToken: body.refresh_token ?? previousRefreshToken,
      expiresAt: lifetime === null ? null : new Date(this.now().getTime() + lifetime * 1000),
      scopes: ouraFacts.auth.scopes,
    };
  }
}

function isInvalidGrant(reply: HttpReply): boolean {
  try {
    const parsed = ouraOAuthError.safeParse(readJson(reply, 'Oura token error'));
    return parsed.success && parsed.data.error === 'invalid_grant';
  } catch {
    return false;
  }
}
