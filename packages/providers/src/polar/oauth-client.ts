import {
  ProviderError,
  type OAuthClient,
  type OAuthGrant,
  type ProviderClientConfig,
  type TokenSet,
} from '@syncwell/core';
import { bearer } from '../http/auth-retry.js';
import { basicAuthHeader, joinUrl } from '../http/basic-auth.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { polarFacts } from './facts.js';
import { polarTokenResponse } from './schemas.js';

/**
 * Polar's OAuth: Basic client auth at the token endpoint, no refresh tokens, and a mandatory
 * user registration (`afterConnect`) before any data call answers.
 */
export class PolarOAuthClient implements OAuthClient {
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
    url.searchParams.set('scope', polarFacts.auth.scopes.join(polarFacts.auth.scopeSeparator));
    url.searchParams.set('state', params.state);
    return url.toString();
  }

  async exchangeCode(params: { code: string; redirectUri: string }): Promise<OAuthGrant> {
    const reply = await this.http.send({
      method: 'POST',
      url: this.config.baseUrls.token,
      headers: { authorization: basicAuthHeader(this.config.clientId, this.config.clientSecret) },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: params.redirectUri,
      }),
      allowStatuses: [400, 401],
    });
    if (reply.status !== 200) {
      throw new ProviderError(
        'SW_OAUTH_EXCHANGE_FAILED',
        `Polar refused the authorization code (${reply.status})`,
        {
          status: reply.status,
        },
      );
    }
    const body = readJsonAs(reply, polarTokenResponse, 'Polar token response');
    const expiresIn = body.expires_in ?? null;
    const tokens: TokenSet = {
      accessToken: body.access_token,
      refreshToken: null,
      expiresAt: expiresIn === null ? null : new Date(this.now().getTime() + expiresIn * 1000),
      scopes: polarFacts.auth.scopes,
    };
    return { tokens, externalUserId: body.x_user_id };
  }

  /**
   * Registers the user with our client (`POST /v3/users`); 409 means an earlier connect already
   * did, which is just as good. The member id is derived from Polar's user id so that it is
   * stable across reconnects.
   */
  async afterConnect(grant: OAuthGrant): Promise<void> {
    await this.http.send({
      method: 'POST',
      url: joinUrl(this.config.baseUrls.api, '/v3/users'),
      headers: { ...bearer(grant.tokens.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({ 'member-id': `syncwell-${grant.externalUserId}` }),
      allowStatuses: [409],
    });
  }

  /** De-registers the user, which ends our access. Best effort: failures are swallowed. */
  async revoke(tokens: TokenSet, externalUserId: string): Promise<void> {
    try {
      await this.http.send({
        method: 'DELETE',
        url: joinUrl(this.config.baseUrls.api, `/v3/users/${encodeURIComponent(externalUserId)}`),
        headers: bearer(tokens.accessToken),
        allowStatuses: [404],
      });
    } catch {
      // The disconnect goes on regardless; our copy of the token is deleted either way.
    }
  }
}
