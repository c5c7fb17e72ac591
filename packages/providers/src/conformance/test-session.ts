import { ProviderError, type OAuthClient, type ProviderSession, type TokenSet } from '@syncwell/core';

/**
 * The smallest `ProviderSession` a test needs: holds tokens in memory and refreshes through the
 * module's own `oauth.refresh`, keeping rotated refresh tokens as the server would.
 */
export class TestSession implements ProviderSession {
  readonly connectionId = 'conformance-connection';
  refreshCount = 0;

  constructor(
    private readonly oauth: OAuthClient,
    public tokens: TokenSet,
    readonly externalUserId: string,
  ) {}

  accessToken(): Promise<string> {
    return Promise.resolve(this.tokens.accessToken);
  }

  async refreshAccessToken(): Promise<string> {
    this.refreshCount += 1;
    if (this.oauth.refresh === undefined || this.tokens.refreshToken === null) {
      throw new ProviderError('SW_PROVIDER_AUTH_EXPIRED', 'the provider issues no refresh tokens');
    }
    this.tokens = await this.oauth.refresh(this.tokens.refreshToken);
    return this.tokens.accessToken;
  }
}
