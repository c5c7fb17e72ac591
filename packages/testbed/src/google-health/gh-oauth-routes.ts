import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ACCESS_DENIED,
  authorizeQuery,
  consentDecision,
  consentRedirect,
  redeemCode,
  sendOAuthError,
} from '../consent/code-grant.js';
import { renderConsentPage } from '../consent/consent-page.js';
import type { GoogleHealthState, Grant } from './gh-state.js';

/** accounts.google.com and oauth2.googleapis.com paths, served on the simulator's one origin. */
export const GOOGLE_AUTHORIZE_PATH = '/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_PATH = '/token';
export const GOOGLE_REVOKE_PATH = '/revoke';
const CODE_LIFETIME_MS = 10 * 60_000;

const googleAuthorizeQuery = authorizeQuery.extend({
  access_type: z.string().optional(),
  prompt: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
});
const consentForm = googleAuthorizeQuery.extend(consentDecision);
const tokenForm = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
});

/**
 * Google's authorize page, token and revoke endpoints: PKCE (S256 or plain), a refresh token only
 * with `access_type=offline`, refresh tokens that are never rotated, 400 `invalid_grant` for a
 * bad code or a revoked refresh token.
 */
export function registerGoogleOAuthRoutes(app: FastifyInstance, state: GoogleHealthState): void {
  app.get(GOOGLE_AUTHORIZE_PATH, async (request, reply) => {
    const query = googleAuthorizeQuery.parse(request.query);
    if (query.client_id !== state.config.clientId)
      return reply.code(401).type('text/plain').send('Error 401: invalid_client');
    if (query.redirect_uri === undefined || !URL.canParse(query.redirect_uri))
      return reply.code(400).type('text/plain').send('Error 400: redirect_uri_mismatch');
    if (query.response_type !== 'code')
      return reply.code(400).type('text/plain').send('Error 400: unsupported_response_type');
    const challenge = query.code_challenge;
    if (challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge))
      return reply.code(400).type('text/plain').send('Error 400: invalid_request (code_challenge)');
    if (challenge !== undefined && !['S256', 'plain', undefined].includes(query.code_challenge_method))
      return reply.code(400).type('text/plain').send('Error 400: invalid_request (code_challenge_method)');
    const fields: Record<string, string> = { athlete_id: state.loggedIn };
    for (const [name, value] of Object.entries(query)) if (value !== undefined) fields[name] = value;
    return reply
      .type('text/html')
      .send(renderConsentPage({ action: GOOGLE_AUTHORIZE_PATH, appName: 'Sign in with Google', fields }));
  });

  app.post(GOOGLE_AUTHORIZE_PATH, async (request, reply) => {
    const form = consentForm.safeParse(request.body);
    if (
      !form.success ||
      form.data.client_id !== state.config.clientId ||
      form.data.redirect_uri === undefined
    )
      return reply.code(400).type('text/plain').send('Error 400: invalid_request');
    const userId = form.data.athlete_id;
    let outcome = ACCESS_DENIED;
    if (form.data.decision === 'allow' && state.users.has(userId)) {
      const code = `4/${randomBytes(24).toString('base64url')}`;
      const challenge = form.data.code_challenge;
      state.codes.set(code, {
        userId,
        redirectUri: form.data.redirect_uri,
        expiresAtMs: state.config.nowMs() + CODE_LIFETIME_MS,
        // A plain challenge is the verifier itself; store the S256 form either way.
        challenge:
          challenge === undefined ||
          form.data.code_challenge_method === 'S256' ||
          form.data.code_challenge_method === undefined
            ? challenge
            : createHash('sha256').update(challenge).digest('base64url'),
        scope: form.data.scope ?? '',
        offline: form.data.access_type === 'offline',
      });
      outcome = { code, scope: form.data.scope ?? '' };
    }
    return reply.redirect(consentRedirect(form.data.redirect_uri, form.data.state, outcome), 302);
  });

  app.post(GOOGLE_TOKEN_PATH, async (request, reply) => {
    const form = tokenForm.safeParse(request.body ?? {});
    if (!form.success) return sendOAuthError(reply, 400, 'invalid_request', 'Malformed token request');
    const { client_id: clientId, client_secret: clientSecret } = form.data;
    if (clientId !== state.config.clientId || clientSecret !== state.config.clientSecret)
      return sendOAuthError(reply, 401, 'invalid_client', 'The OAuth client was not found.');
    if (form.data.grant_type === 'authorization_code') {
      const grant = redeemCode(state.codes, form.data.code, {
        nowMs: state.config.nowMs(),
        redirectUri: form.data.redirect_uri,
      });
      if (grant === undefined) return sendOAuthError(reply, 400, 'invalid_grant', 'Bad Request');
      if (grant.challenge !== undefined) {
        const verifier = form.data.code_verifier;
        if (verifier === undefined)
          return sendOAuthError(reply, 400, 'invalid_grant', 'Missing code verifier.');
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
          return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid code verifier.');
      }
      const issued: Grant = {
        userId: grant.userId,
        refreshToken: `1//${randomBytes(32).toString('base64url')}`,
        revoked: false,
      };
      if (grant.offline) state.grants.set(issued.refreshToken, issued);
      return reply.send({
        ...accessToken(state, issued),
        ...(grant.offline ? { refresh_token: issued.refreshToken } : {}),
        scope: grant.scope,
      });
    }
    if (form.data.grant_type === 'refresh_token') {
      const grant =
        form.data.refresh_token === undefined ? undefined : state.grants.get(form.data.refresh_token);
      if (grant === undefined || grant.revoked)
        return sendOAuthError(reply, 400, 'invalid_grant', 'Token has been expired or revoked.');
      // Not rotated: the answer carries no refresh_token and the old one keeps working.
      return reply.send(accessToken(state, grant));
    }
    return sendOAuthError(reply, 400, 'unsupported_grant_type', 'Invalid grant_type');
  });

  app.post(GOOGLE_REVOKE_PATH, async (request, reply) => {
    const fromQuery = (request.query as { token?: string }).token;
    const fromBody = (request.body as { token?: string } | undefined)?.token;
    const token = fromQuery ?? fromBody ?? '';
    const grant = state.grants.get(token) ?? state.accessTokens.get(token)?.grant;
    if (grant === undefined || grant.revoked)
      return sendOAuthError(reply, 400, 'invalid_token', 'Token expired or revoked');
    // Revoking either token ends the whole grant: the refresh token and every access token.
    grant.revoked = true;
    return reply.send({});
  });
}

function accessToken(state: GoogleHealthState, grant: Grant) {
  const token = `ya29.${randomBytes(32).toString('base64url')}`;
  const now = state.config.nowMs();
  const cap = state.faults.tokenLifetimeCapMs();
  const lifetime =
    cap === undefined
      ? state.config.accessTokenLifetimeSeconds
      : Math.min(state.config.accessTokenLifetimeSeconds, Math.floor(cap / 1000));
  state.accessTokens.set(token, {
    grant,
    issuedAtMs: now,
    expiresAtMs: now + state.config.accessTokenLifetimeSeconds * 1000,
  });
  return { access_token: token, expires_in: lifetime, token_type: 'Bearer' };
}
