import {
  ProviderError,
  type OAuthClient,
  type OAuthGrant,
  type ProviderClientConfig,
  type TokenSet,
} from '@syncwell/core';
import { basicAuthHeader } from '../http/basic-auth.js';
import { readJson, readJsonAs } from '../http/json-body.js';
import type { HttpReply } from '../http/http-types.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { stravaFacts } from './facts.js';
import { stravaFault, stravaTokenResponse, type StravaTokenResponse } from './schemas.js';

/**
 * Strava's OAuth: client credentials in the form body, comma-separated scopes, no PKCE,
 * rotating refresh tokens (the old one dies as soon as a new one is returned, so the caller
 * must store what `refresh` returns before using it).
 */
export class StravaOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizeUrl(params: { state: string; redirectUri: string }): string {
    const url = new URL(this.config.baseUrls.authorize);
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('response_type', 'code');
    for (const [key, value] of Object.entries(stravaFacts.auth.extraAuthorizeParams ?? {})) {
      url.searchParams.set(key, value);
    }
    url.searchParams.set('scope', stravaFacts.auth.scopes.join(stravaFacts.auth.scopeSeparator));
    url.searchParams.set('state', params.state);
    return url.toString();
  }

  async exchangeCode(params: { code: string }): Promise<OAuthGrant> {
    const reply = await this.postToken({ grant_type: 'authorization_code', code: params.code });
    if (reply.status !== 200) {
      throw new ProviderError(
        'SW_OAUTH_EXCHANGE_FAILED',
        `Strava refused the authorization code (${reply.status})`,
        {
          status: reply.status,
        },
      );
    }
    const body = readJsonAs(reply, stravaTokenResponse, 'Strava token response');
    if (body.athlete === undefined) {
      throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', 'Strava code exchange carried no athlete');
    }
    return { tokens: this.tokenSet(body, null), externalUserId: body.athlete.id };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.postToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    if (reply.status !== 200) {
      if (isRefusedRefreshToken(reply)) {
        throw new ProviderError('SW_PROVIDER_AUTH_REVOKED', 'Strava refused the refresh token', {
          status: reply.status,
        });
      }
      throw new ProviderError(
        'SW_PROVIDER_REQUEST_REJECTED',
        `Strava token endpoint answered ${reply.status}`,
        {
          status: reply.status,
        },
      );
    }
    return this.tokenSet(readJsonAs(reply, stravaTokenResponse, 'Strava token response'), refreshToken);
  }

  /**
   * Tries the 2026 `/oauth/revoke` first and falls back to the documented `/oauth/deauthorize`;
   * both live at the token endpoint's origin. Best effort: a failure is swallowed here because
   * the user's disconnect must go on regardless.
   */
  async revoke(tokens: TokenSet): Promise<void> {
    const origin = new URL(this.config.baseUrls.token).origin;
    const token = tokens.refreshToken ?? tokens.accessToken;
    const hint = tokens.refreshToken === null ? 'access_token' : 'refresh_token';
    try {
      await this.http.send({
        method: 'POST',
        url: `${origin}/oauth/revoke`,
        headers: { authorization: basicAuthHeader(this.config.clientId, this.config.clientSecret) },
        body: new URLSearchParams({ token, token_type_hint: hint }),
      });
      return;
    } catch {
      // Not yet (or no longer) offered: fall back to the legacy endpoint.
    }
    try {
      await this.http.send({
        method: 'POST',
        url: `${origin}/oauth/deauthorize`,
        body: new URLSearchParams({ access_token: tokens.accessToken }),
      });
    } catch {
      // Best effort by contract; the tokens are discarded on our side either way.
    }
  }

  private postToken(fields: Record<string, string>): Promise<HttpReply> {
    return this.http.send({
      method: 'POST',
      url: this.config.baseUrls.token,
      body: new URLSearchParams({
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        ...fields,
      }),
      allowStatuses: [400, 401],
    });
  }

  private tokenSet(body: StravaTokenResponse, previousRefreshToken: string | null): TokenSet {
    const expiresAt =
      body.expires_at !== undefined
        ? new Date(body.expires_at * 1000)
        : body.expires_in !== undefined
          ? new Date(this.now().getTime() + body.expires_in * 1000)
          : null;
    return {
      accessToken: body.access_token,
      // Strava always returns one, but keeping the old one beats losing the connection.
      refreshToken: body.refresh_token ?? previousRefreshToken,
      expiresAt,
      scopes: stravaFacts.auth.scopes,
    };
  }
}

/** 400/401 with `invalid_grant` or the `RefreshToken … invalid` fault body. */
function isRefusedRefreshToken(reply: HttpReply): boolean {
  if (reply.status === 401) return true;
  let body: unknown;
  try {
    body = readJson(reply, 'Strava token error');
  } catch {
    return false;
  }
  const fault = stravaFault.safeParse(body);
  if (!fault.success) return false;
  if (fault.data.error === 'invalid_grant') return true;
  return (fault.data.errors ?? []).some(
    (e) => e.resource === 'RefreshToken' || e.field === 'refresh_token' || e.code === 'invalid_grant',
  );
}
