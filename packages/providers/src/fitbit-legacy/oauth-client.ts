import type {
  AuthorizeUrlParams,
  OAuthClient,
  OAuthGrant,
  ProviderClientConfig,
  TokenSet,
} from '@syncwell/core';
import { basicAuthHeader } from '../http/basic-auth.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { buildAuthorizeUrl } from '../oauth/authorize-url.js';
import { fitbitLegacyFacts } from './facts.js';
import { fitbitGoneError, translateGone } from './gone-error.js';

/**
 * Fitbit OAuth endpoints, turned down with the API: the token endpoint answers 410, so a code
 * exchange or a refresh ends in `SW_PROVIDER_GONE` with the reconnect-through-Google message.
 */
export class FitbitLegacyOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly http: ProviderHttpClient,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(fitbitLegacyFacts, this.config, params);
  }

  exchangeCode(params: { code: string; redirectUri: string }): Promise<OAuthGrant> {
    return this.postToken({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
    });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.postToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Best effort by contract: the endpoint is gone, and our copy of the tokens is deleted anyway. */
  async revoke(tokens: TokenSet): Promise<void> {
    try {
      await this.http.send({
        method: 'POST',
        url: new URL('/oauth2/revoke', this.config.baseUrls.token),
        headers: { authorization: basicAuthHeader(this.config.clientId, this.config.clientSecret) },
        body: new URLSearchParams({ token: tokens.refreshToken ?? tokens.accessToken }),
      });
    } catch {
      // 410 Gone: nothing left to revoke.
    }
  }

  /** Any answer but 410 is unexpected from a turned-down endpoint, and still cannot be used. */
  private async postToken(fields: Record<string, string>): Promise<never> {
    const reply = await translateGone('POST /oauth2/token', () =>
      this.http.send({
        method: 'POST',
        url: this.config.baseUrls.token,
        headers: { authorization: basicAuthHeader(this.config.clientId, this.config.clientSecret) },
        body: new URLSearchParams(fields),
      }),
    );
    throw fitbitGoneError('POST /oauth2/token', reply.status);
  }
}
