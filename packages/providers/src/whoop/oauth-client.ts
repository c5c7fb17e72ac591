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
import { whoopFacts } from './facts.js';
import { whoopProfile, whoopTokenResponse, type WhoopTokenResponse } from './schemas.js';

const SCOPE = whoopFacts.auth.scopes.join(whoopFacts.auth.scopeSeparator);

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
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizeUrl(params: { state: string; redirectUri: string }): string {
    const url = new URL(this.config.baseUrls.authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('scope', SCOPE);
    // WHOOP refuses a state shorter than 8 characters; the server's states are far longer.
    url.searchParams.set('state', params.state);
    return url.toString();
  }

  async exchangeCode(params: { code: string; redirectUri: string }): Promise<OAuthGrant> {
    const reply = await this.postToken({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
    });
    if (reply.status !== 200) {
      throw new ProviderError(
        'SW_OAUTH_EXCHANGE_FAILED',
        `WHOOP refused the authorization code (${reply.status})`,
        {
          status: reply.status,
        },
      );
    }
    const tokens = this.tokenSet(readJsonAs(reply, whoopTokenResponse, 'WHOOP token response'), null);
    const profile = await this.http.send({
      method: 'GET',
      url: joinUrl(this.config.baseUrls.api, '/v2/user/profile/basic'),
      headers: bearer(tokens.accessToken),
    });
    return { tokens, externalUserId: readJsonAs(profile, whoopProfile, 'WHOOP profile').user_id };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.postToken({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: 'offline',
    });
    if (reply.status !== 200) {
      if (isRefusedGrant(reply)) {
        throw new ProviderError('SW_PROVIDER_AUTH_REVOKED', 'WHOOP refused the refresh token', {
          status: reply.status,
        });
      }
      throw new ProviderError(
        'SW_PROVIDER_REQUEST_REJECTED',
        `WHOOP token endpoint answered ${reply.status}`,
        {
          status: reply.status,
        },
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

  private tokenSet(body: WhoopTokenResponse, previousRefreshToken: string | null): TokenSet {
    return {
      accessToken: body.access_token,
      // Absent when `offline` was not granted: then the connection re-authorises hourly.
      refreshToken: body.refresh_token ?? previousRefreshToken,
      expiresAt: new Date(this.now().getTime() + body.expires_in * 1000),
      scopes: body.scope === undefined ? whoopFacts.auth.scopes : body.scope.split(/\s+/).filter(Boolean),
    };
  }
}

/** OAuth `invalid_grant` (400) or 401 at the token endpoint: the refresh token is gone. */
function isRefusedGrant(reply: HttpReply): boolean {
  if (reply.status === 401) return true;
  try {
    const body = readJson(reply, 'WHOOP token error');
    return (
      typeof body === 'object' && body !== null && (body as { error?: unknown }).error === 'invalid_grant'
    );
  } catch {
    return false;
  }
}
