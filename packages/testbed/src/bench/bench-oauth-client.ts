import type { OAuthClient, OAuthGrant, ProviderFacts } from '@syncwell/core';

/**
 * The least OAuth a benchmark provider needs: connections are seeded straight into the store,
 * so this only has to satisfy the contract (and lets a curious user click through /connect).
 */
export function benchOAuthClient(facts: ProviderFacts): OAuthClient {
  return {
    authorizeUrl: ({ state, redirectUri }) => {
      const url = new URL(facts.defaultBaseUrls.authorize);
      url.searchParams.set('state', state);
      url.searchParams.set('redirect_uri', redirectUri);
      return url.toString();
    },
    exchangeCode: ({ code }): Promise<OAuthGrant> =>
      Promise.resolve({
        tokens: { accessToken: `bench-${code}`, refreshToken: null, expiresAt: null, scopes: ['bench'] },
        externalUserId: `bench-user-${code}`,
      }),
    revoke: () => Promise.resolve(),
  };
}
