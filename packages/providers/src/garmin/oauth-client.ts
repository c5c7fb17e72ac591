import {
  ProviderError,
  type AuthorizeUrlParams,
  type ExchangeCodeParams,
  type OAuthClient,
  type OAuthGrant,
  type ProviderClientConfig,
  type TokenSet,
} from '@syncwell/core';
import { bearer } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import { readJson, readJsonAs } from '../http/json-body.js';
import type { HttpReply } from '../http/http-types.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { garminPermissions, garminTokenResponse, garminUserId, type GarminTokenResponse } from './schemas.js';

/**
 * Garmin OAuth 2.0 with PKCE (S256): client id and secret in the token body, then
 * `GET /wellness-api/rest/user/id` for the user id that every PING/PUSH names. The token
 * scopes we keep are the user's portal permissions (`/user/permissions`), because that is
 * what decides e.g. whether backfill is allowed (`HISTORICAL_DATA_EXPORT`, off by default).
 * `refresh_token_expires_in` is validated but `TokenSet` has no field for it yet.
 */
export class GarminOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    const url = new URL(this.config.baseUrls.authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', params.redirectUri);
    // Permissions are portal toggles, so there are no scopes to ask for; an empty value is sent
    // because OAuth servers ignore it and the shared suite checks the parameter.
    url.searchParams.set('scope', '');
    url.searchParams.set('state', params.state);
    if (params.codeChallenge !== undefined) {
      url.searchParams.set('code_challenge', params.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url.toString();
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.token({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      ...(params.codeVerifier === undefined ? {} : { code_verifier: params.codeVerifier }),
    });
    if (reply.status !== 200) {
      throw new ProviderError(
        'SW_OAUTH_EXCHANGE_FAILED',
        `Garmin refused the authorization code (${reply.status})`,
        {
          status: reply.status,
        },
      );
    }
    const body = readJsonAs(reply, garminTokenResponse, 'Garmin token response');
    const who = await this.http.send({
      method: 'GET',
      url: joinUrl(this.config.baseUrls.api, '/wellness-api/rest/user/id').toString(),
      headers: bearer(body.access_token),
    });
    const { userId } = readJsonAs(who, garminUserId, 'Garmin user id');
    return { tokens: await this.tokenSet(body), externalUserId: userId };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    if (reply.status !== 200) {
      const error = errorOf(reply);
      throw new ProviderError(
        error === 'invalid_grant' || reply.status === 401
          ? 'SW_PROVIDER_AUTH_REVOKED'
          : 'SW_PROVIDER_REQUEST_REJECTED',
        `Garmin refused the refresh token (${reply.status}${error === undefined ? '' : ` ${error}`})`,
        { status: reply.status },
      );
    }
    return this.tokenSet(readJsonAs(reply, garminTokenResponse, 'Garmin token response'));
  }

  /** `DELETE /wellness-api/rest/user/registration`: deregisters the user. Best effort. */
  async revoke(tokens: TokenSet): Promise<void> {
    try {
      await this.http.send({
        method: 'DELETE',
        url: joinUrl(this.config.baseUrls.api, '/wellness-api/rest/user/registration').toString(),
        headers: bearer(tokens.accessToken),
        allowStatuses: [401, 404],
      });
    } catch {
      // The disconnect goes on regardless; our copy of the token is deleted either way.
    }
  }

  private token(fields: Record<string, string>): Promise<HttpReply> {
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

  private async tokenSet(body: GarminTokenResponse): Promise<TokenSet> {
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt: new Date(this.now().getTime() + body.expires_in * 1000),
      scopes: await this.permissions(body.access_token),
    };
  }

  /** The user's portal permissions; an empty list when Garmin does not answer (not fatal). */
  private async permissions(accessToken: string): Promise<string[]> {
    try {
      const reply = await this.http.send({
        method: 'GET',
        url: joinUrl(this.config.baseUrls.api, '/wellness-api/rest/user/permissions').toString(),
        headers: bearer(accessToken),
      });
      return readJsonAs(reply, garminPermissions, 'Garmin permissions').permissions;
    } catch {
      return [];
    }
  }
}

function errorOf(reply: HttpReply): string | undefined {
  try {
    const body = readJson(reply, 'Garmin token error') as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}
