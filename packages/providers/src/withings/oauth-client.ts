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
import type { z } from 'zod';
import { buildAuthorizeUrl } from '../oauth/authorize-url.js';
import { codeGrantForm } from '../oauth/token-endpoint.js';
import { toTokenSet } from '../oauth/token-set.js';
import { withingsFacts } from './facts.js';
import { WithingsNotifySubscriptions } from './notify-subscriptions.js';
import type { WithingsApi } from './withings-api.js';
import { withingsTokenBody } from './schemas.js';

/**
 * Withings OAuth 2.0: the browser goes to account.withings.com, and the token endpoint is the
 * `requesttoken` action of wbsapi's `/v2/oauth2`, with the client secret in the form. Errors come
 * back as body statuses (an unknown code or refresh token: 503 "Invalid Params").
 */
export class WithingsOAuthClient implements OAuthClient {
  private readonly notify: WithingsNotifySubscriptions;

  constructor(
    private readonly config: ProviderClientConfig,
    private readonly api: WithingsApi,
    private readonly now: () => Date = systemClock.now,
  ) {
    this.notify = new WithingsNotifySubscriptions(config, api);
  }

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

  /** Push is subscribed per user, so a new connection subscribes Notify (when configured). */
  async afterConnect(grant: OAuthGrant): Promise<void> {
    await this.notify.subscribe(grant.tokens.accessToken);
  }

  /**
   * No revoke endpoint is documented; the user unlinks in Health Mate (we hear `appli` 46
   * `unlink`). What we can end is push: every Notify subscription of this user is revoked.
   */
  async revoke(tokens: TokenSet): Promise<void> {
    await this.notify.revokeAll(tokens.accessToken);
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
