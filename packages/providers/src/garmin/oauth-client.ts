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
import { readJsonAs } from '../http/json-body.js';
import type { HttpReply } from '../http/http-types.js';
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
import { garminFacts } from './facts.js';
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
    private readonly now: () => Date = systemClock.now,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(garminFacts, this.config, params);
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.token(codeGrantForm(garminFacts, params));
    if (reply.status !== 200) throw refusedExchange(reply, garminFacts);
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
      throw refusedRefresh(
        reply,
        garminFacts,
        reply.status === 401 || oauthErrorOf(reply) === 'invalid_grant',
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

  private token(form: Record<string, string>): Promise<HttpReply> {
    return postTokenForm(this.http, garminFacts, this.config, form);
  }

  private async tokenSet(body: GarminTokenResponse): Promise<TokenSet> {
    const tokens = toTokenSet(body, garminFacts, this.now());
    return { ...tokens, scopes: await this.permissions(body.access_token) };
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
