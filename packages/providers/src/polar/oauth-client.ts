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
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { buildAuthorizeUrl } from '../oauth/authorize-url.js';
import { codeGrantForm, postTokenForm, refusedExchange } from '../oauth/token-endpoint.js';
import { toTokenSet } from '../oauth/token-set.js';
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
    private readonly now: () => Date = systemClock.now,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(polarFacts, this.config, params);
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const reply = await postTokenForm(this.http, polarFacts, this.config, codeGrantForm(polarFacts, params));
    if (reply.status !== 200) throw refusedExchange(reply, polarFacts);
    const body = readJsonAs(reply, polarTokenResponse, 'Polar token response');
    return { tokens: toTokenSet(body, polarFacts, this.now()), externalUserId: body.x_user_id };
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
