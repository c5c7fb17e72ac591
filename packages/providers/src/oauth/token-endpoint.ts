import {
  ProviderError,
  type ExchangeCodeParams,
  type ProviderClientConfig,
  type ProviderFacts,
} from '@syncwell/core';
import { basicAuthHeader } from '../http/basic-auth.js';
import type { HttpReply } from '../http/http-types.js';
import { readJson } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';

/** The code grant's form (RFC 6749 §4.1.3), with the PKCE verifier where the facts support it. */
export function codeGrantForm(facts: ProviderFacts, params: ExchangeCodeParams): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: params.redirectUri,
    ...(facts.auth.pkce === 'S256' && params.codeVerifier !== undefined
      ? { code_verifier: params.codeVerifier }
      : {}),
  };
}

/**
 * POSTs a form-encoded grant to the token endpoint, the client authenticating as the facts say
 * (`basic`: HTTP Basic; `body`: id and secret in the form). 400 and 401 come back as replies,
 * because only the body tells a dead grant from a bad request; other failures throw as usual.
 *
 * @example
 * const reply = await postTokenForm(http, facts, config, { grant_type: 'refresh_token', refresh_token });
 */
export function postTokenForm(
  http: ProviderHttpClient,
  facts: ProviderFacts,
  config: ProviderClientConfig,
  form: Record<string, string>,
): Promise<HttpReply> {
  const basic = facts.auth.clientAuth === 'basic';
  return http.send({
    method: 'POST',
    url: config.baseUrls.token,
    ...(basic ? { headers: { authorization: basicAuthHeader(config.clientId, config.clientSecret) } } : {}),
    body: new URLSearchParams(
      basic ? form : { ...form, client_id: config.clientId, client_secret: config.clientSecret },
    ),
    allowStatuses: [400, 401],
  });
}

/** The OAuth `error` (RFC 6749 §5.2) a token endpoint's refusal names, if its body is JSON with one. */
export function oauthErrorOf(reply: HttpReply): string | undefined {
  try {
    const body = readJson(reply, 'token error');
    if (typeof body !== 'object' || body === null) return undefined;
    const { error } = body as { error?: unknown };
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}

/** A token endpoint's refusal of the authorization code. */
export function refusedExchange(reply: HttpReply, facts: ProviderFacts): ProviderError {
  const error = oauthErrorOf(reply);
  return new ProviderError(
    'SW_OAUTH_EXCHANGE_FAILED',
    `${facts.displayName} refused the authorization code (${reply.status})`,
    { status: reply.status, ...(error === undefined ? {} : { details: { error } }) },
  );
}

/**
 * A token endpoint's refusal of a refresh: `SW_PROVIDER_AUTH_REVOKED` (the user must reconnect)
 * when the grant is gone, else `SW_PROVIDER_REQUEST_REJECTED`. What counts as gone is the
 * provider's: `invalid_grant` by default; some also read a bare 401 or their own fault body.
 */
export function refusedRefresh(
  reply: HttpReply,
  facts: ProviderFacts,
  revoked: boolean = oauthErrorOf(reply) === 'invalid_grant',
): ProviderError {
  const error = oauthErrorOf(reply);
  return new ProviderError(
    revoked ? 'SW_PROVIDER_AUTH_REVOKED' : 'SW_PROVIDER_REQUEST_REJECTED',
    `${facts.displayName} refused the refresh token (${reply.status}${error === undefined ? '' : ` ${error}`})`,
    { status: reply.status },
  );
}
