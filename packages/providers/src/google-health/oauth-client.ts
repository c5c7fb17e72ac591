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
import type { HttpReply } from '../http/http-types.js';
import { readJson, readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { googleHealthFacts, googleRevokeUrl } from './facts.js';
import {
  googleIdentity,
  googleOAuthError,
  googleTokenResponse,
  type GoogleTokenResponse,
} from './schemas.js';

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
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    const { auth } = googleHealthFacts;
    const url = new URL(this.config.baseUrls.authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('scope', auth.scopes.join(auth.scopeSeparator));
    url.searchParams.set('state', params.state);
    for (const [name, value] of Object.entries(auth.extraAuthorizeParams ?? {}))
      url.searchParams.set(name, value);
    if (params.codeChallenge !== undefined) {
      url.searchParams.set('code_challenge', params.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url.toString();
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await this.postToken({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      ...(params.codeVerifier === undefined ? {} : { code_verifier: params.codeVerifier }),
    });
    if (reply.status !== 200) {
      throw new ProviderError(
        'SW_OAUTH_EXCHANGE_FAILED',
        `Google refused the authorization code (${reply.status})`,
        {
          status: reply.status,
          details: { error: oauthErrorOf(reply) },
        },
      );
    }
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
    if (reply.status !== 200) {
      // Google answers 400 invalid_grant for a revoked, expired (6 months unused) or unknown token.
      const error = oauthErrorOf(reply);
      const code = error === 'invalid_grant' ? 'SW_PROVIDER_AUTH_REVOKED' : 'SW_PROVIDER_REQUEST_REJECTED';
      throw new ProviderError(code, `Google token endpoint refused the refresh (${error ?? reply.status})`, {
        status: reply.status,
      });
    }
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

  private tokenSet(body: GoogleTokenResponse, previousRefreshToken: string | null): TokenSet {
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? previousRefreshToken,
      expiresAt:
        body.expires_in === undefined ? null : new Date(this.now().getTime() + body.expires_in * 1000),
      scopes: body.scope?.split(' ') ?? googleHealthFacts.auth.scopes,
    };
  }
}

function oauthErrorOf(reply: HttpReply): string | undefined {
  try {
    const parsed = googleOAuthError.safeParse(readJson(reply, 'Google token error'));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}
