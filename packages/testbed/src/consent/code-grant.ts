import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * The authorization request (RFC 6749 §4.1.1) as every simulator's authorize page reads it;
 * providers extend it with their extras (PKCE, Google's `access_type`).
 */
export const authorizeQuery = z.object({
  response_type: z.string().optional(),
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
});

/** What the consent page posts besides the request's hidden fields: who decided, and how. */
export const consentDecision = { athlete_id: z.string(), decision: z.enum(['allow', 'deny']) };

/** The redirect a denied consent (or an unknown user) gets. */
export const ACCESS_DENIED: Readonly<Record<string, string>> = { error: 'access_denied' };

/**
 * Where the consent POST sends the browser: `redirect_uri` with `params` (a code, or an error)
 * and the request's `state` echoed last, as the consent driver and OAuth clients expect.
 *
 * @example
 *   return reply.redirect(consentRedirect(form.redirect_uri, form.state, { code }), 302);
 */
export function consentRedirect(
  redirectUri: string,
  oauthState: string | undefined,
  params: Readonly<Record<string, string>>,
): string {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  if (oauthState !== undefined) target.searchParams.set('state', oauthState);
  return target.toString();
}

/**
 * Redeems an authorization code: it works once (it is gone whatever the outcome), until it
 * expires, and only with the `redirect_uri` it was issued for. Some providers let the token
 * request omit `redirect_uri` (`redirectOptional`); none accepts a different one.
 */
export function redeemCode<G extends { readonly redirectUri: string; readonly expiresAtMs: number }>(
  codes: Map<string, G>,
  code: string | undefined,
  request: {
    readonly nowMs: number;
    readonly redirectUri: string | undefined;
    readonly redirectOptional?: boolean;
  },
): G | undefined {
  if (code === undefined) return undefined;
  const grant = codes.get(code);
  codes.delete(code);
  if (grant === undefined || grant.expiresAtMs < request.nowMs) return undefined;
  const redirectMatches =
    request.redirectUri === undefined
      ? request.redirectOptional === true
      : request.redirectUri === grant.redirectUri;
  return redirectMatches ? grant : undefined;
}

/** A token-endpoint error in the RFC 6749 §5.2 shape. */
export function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply.code(status).send({ error, error_description: description });
}
