import {
  ProviderError,
  type AuthorizeUrlParams,
  type ExchangeCodeParams,
  type OAuthClient,
  type OAuthGrant,
  type ProviderClientConfig,
  type TokenSet,
} from '@syncwell/core';
import { z } from 'zod';
import { buildAuthorizeUrl } from '../oauth/authorize-url.js';
import { codeGrantForm } from '../oauth/token-endpoint.js';
import { toTokenSet } from '../oauth/token-set.js';
import { WITHINGS_PATHS, withingsFacts } from './facts.js';
import type { WithingsApi } from './withings-api.js';
import { withingsTokenBody } from './schemas.js';

const subscriptionList = z.object({
  profiles: z.array(z.object({ appli: z.number(), callbackurl: z.string() }).loose()).default([]),
});

/**
 * Withings OAuth 2.0: the browser goes to account.withings.com, and the token endpoint is the
 * `requesttoken` action of wbsapi's `/v2/oauth2`, with the client secret in the form. Errors come
 * back as body statuses (an unknown code or refresh token: 503 "Invalid Params").
 */
export class WithingsOAuthClient implements OAuthClient {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly api: WithingsApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return buildAuthorizeUrl(withingsFacts, this.config, params);
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<OAuthGrant> {
    const body = await this.requestToken(codeGrantForm(withingsFacts, params), 'code-exchange');
    return { tokens: this.tokensOf(body), externalUserId: body.userid };
  }

  /**
   * Each refresh returns a new refresh token. The old one would survive up to 8 h, but only
   * until the new access token is first used, so the new one must be stored before any call.
   */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const body = await this.requestToken(
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      'refresh',
    );
    return this.tokensOf(body);
  }

  /**
   * No revoke endpoint is documented; the user unlinks in Health Mate (we hear `appli` 46
   * `unlink`). What we can end is push: every Notify subscription of this user is revoked.
   * Best effort, failures are swallowed.
   */
  async revoke(tokens: TokenSet): Promise<void> {
    try {
      const listed = subscriptionList.parse(
        await this.api.call(WITHINGS_PATHS.notify, 'list', {}, tokens.accessToken),
      );
      for (const profile of listed.profiles) {
        await this.api.call(
          WITHINGS_PATHS.notify,
          'revoke',
          { callbackurl: profile.callbackurl, appli: String(profile.appli) },
          tokens.accessToken,
        );
      }
    } catch {
      // The disconnect goes on regardless; our copy of the tokens is deleted either way.
    }
  }

  private async requestToken(params: Record<string, string>, context: 'code-exchange' | 'refresh') {
    const body = await this.api.call(
      this.config.baseUrls.token,
      'requesttoken',
      { client_id: this.config.clientId, client_secret: this.config.clientSecret, ...params },
      undefined,
      context,
    );
    const parsed = withingsTokenBody.safeParse(body);
    if (!parsed.success)
      throw new ProviderError('SW_PROVIDER_BAD_RESPONSE', 'Withings token body: unexpected shape', {
        status: 200,
      });
    return parsed.data;
  }

  private tokensOf(body: z.infer<typeof withingsTokenBody>): TokenSet {
    return toTokenSet(body, withingsFacts, this.now());
  }
}
