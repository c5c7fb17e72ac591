import type { AuthorizeUrlParams, ProviderClientConfig, ProviderFacts } from '@syncwell/core';

/**
 * The authorization request of the code flow (RFC 6749 §4.1.1), as the provider's facts describe
 * it: the declared scopes joined by its separator, its extra parameters (Google's offline access,
 * Strava's `approval_prompt`) and an S256 challenge where it supports PKCE. A provider that
 * declares no scopes (Garmin's permissions are portal toggles) still gets an empty `scope=`:
 * OAuth servers ignore it, and the conformance suite checks the parameter.
 *
 * @example
 * buildAuthorizeUrl(ouraFacts, config, { state, redirectUri }); // https://cloud.ouraring.com/oauth/authorize?...
 */
export function buildAuthorizeUrl(
  facts: ProviderFacts,
  config: ProviderClientConfig,
  params: AuthorizeUrlParams,
): string {
  const { auth } = facts;
  const url = new URL(config.baseUrls.authorize);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', auth.scopes.join(auth.scopeSeparator));
  url.searchParams.set('state', params.state);
  for (const [name, value] of Object.entries(auth.extraAuthorizeParams ?? {})) {
    url.searchParams.set(name, value);
  }
  if (auth.pkce === 'S256' && params.codeChallenge !== undefined) {
    url.searchParams.set('code_challenge', params.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}
