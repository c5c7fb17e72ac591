import { systemClock } from '@syncwell/core';
import {
  ProviderError,
  type AuthorizeUrlParams,
  type ExchangeCodeParams,
  type OAuthClient,
  type OAuthGrant,
  type ProviderClientConfig,
  type TokenSet,
} from '@syncwell/core';
import { basicAuthHeader } from '../http/basic-auth.js';
import { readJson, readJsonAs } from '../http/json-body.js';
import type { HttpReply } from '../http/http-types.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { buildAuthorizeUrl } from '../oauth/authorize-url.js';
import { postTokenForm, refusedExchange, refusedRefresh } from '../oauth/token-endpoint.js';
import { toTokenSet } from '../oauth/token-set.js';
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
    private readonly now: () => Date = systemClock.now,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(stravaFacts, this.config, params);
  }

  /** Strava's code grant names no `redirect_uri`; its answer names the athlete. */
  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.postToken({ grant_type: 'authorization_code', code: params.code });
    if (reply.status !== 200) throw refusedExchange(reply, stravaFacts);
    const body = readJsonAs(reply, stravaTokenResponse, 'Strava token response');
    if (body.athlete === undefined) {
      throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', 'Strava code exchange carried no athlete');
    }
    return { tokens: this.tokenSet(body, null), externalUserId: body.athlete.id };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const reply = await this.postToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    if (reply.status !== 200) throw refusedRefresh(reply, stravaFacts, isRefusedRefreshToken(reply));
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

  private postToken(form: Record<string, string>): Promise<HttpReply> {
    return postTokenForm(this.http, stravaFacts, this.config, form);
  }

  /** Strava's absolute `expires_at` wins over `expires_in`. */
  private tokenSet(body: StravaTokenResponse, previousRefreshToken: string | null): TokenSet {
    const tokens = toTokenSet(body, stravaFacts, this.now(), previousRefreshToken);
    return body.expires_at === undefined
      ? tokens
      : { ...tokens, expiresAt: new Date(body.expires_at * 1000) };
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
