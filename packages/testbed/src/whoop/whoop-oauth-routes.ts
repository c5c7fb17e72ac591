import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ACCESS_DENIED,
  authorizeQuery,
  consentDecision,
  consentRedirect,
  redeemCode,
} from '../consent/code-grant.js';
import { renderConsentPage } from '../consent/consent-page.js';
import { oauthError } from './whoop-error-body.js';
import type { WhoopGrant, WhoopState } from './whoop-state.js';

export const WHOOP_AUTHORIZE_PATH = '/oauth/oauth2/auth';
export const WHOOP_TOKEN_PATH = '/oauth/oauth2/token';
const CODE_LIFETIME_MS = 10 * 60_000;
/** WHOOP's OAuth server refuses weak states (fewer than 8 characters) [U]. */
const MIN_STATE_LENGTH = 8;
export const WHOOP_SCOPES = [
  'offline',
  'read:recovery',
  'read:cycles',
  'read:workout',
  'read:sleep',
  'read:profile',
  'read:body_measurement',
];

const consentForm = authorizeQuery.extend(consentDecision);
const tokenForm = z.object({
  grant_type: z.string(),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
  redirect_uri: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.string().optional(),
});

/**
 * WHOOP's authorize page and token endpoint: client credentials in the form body, a refresh
 * token only when `offline` was granted, `expires_in: 3600`, a new refresh token on each refresh
 * (the old one dies when `rotateRefreshTokens`, the default).
 */
export function registerWhoopOAuthRoutes(app: FastifyInstance, state: WhoopState): void {
  app.get(WHOOP_AUTHORIZE_PATH, async (request, reply) => {
    const query = authorizeQuery.parse(request.query);
    if (query.client_id !== state.config.clientId)
      return reply.code(400).send(oauthError('invalid_client', 'Unknown client_id'));
    if (query.redirect_uri === undefined || !URL.canParse(query.redirect_uri)) {
      return reply.code(400).send(oauthError('invalid_request', 'redirect_uri is required'));
    }
    const target = new URL(query.redirect_uri);
    if (query.response_type !== 'code' || (query.state ?? '').length < MIN_STATE_LENGTH) {
      // Errors after a valid redirect go back to the client, as OAuth servers do.
      target.searchParams.set(
        'error',
        query.response_type !== 'code' ? 'unsupported_response_type' : 'invalid_state',
      );
      target.searchParams.set('error_description', 'The state is missing or has fewer than 8 characters');
      if (query.state !== undefined) target.searchParams.set('state', query.state);
      return reply.redirect(target.toString(), 302);
    }
    const fields: Record<string, string> = {
      response_type: 'code',
      client_id: query.client_id,
      redirect_uri: query.redirect_uri,
      scope: query.scope ?? '',
      state: query.state ?? '',
      athlete_id: String(state.loggedIn),
    };
    return reply
      .type('text/html')
      .send(renderConsentPage({ action: WHOOP_AUTHORIZE_PATH, appName: 'WHOOP', fields }));
  });

  app.post(WHOOP_AUTHORIZE_PATH, async (request, reply) => {
    const form = consentForm.safeParse(request.body);
    if (
      !form.success ||
      form.data.client_id !== state.config.clientId ||
      form.data.redirect_uri === undefined
    ) {
      return reply.code(400).send(oauthError('invalid_request', 'Malformed consent submission'));
    }
    const userId = Number(form.data.athlete_id);
    let outcome = ACCESS_DENIED;
    if (form.data.decision === 'allow' && state.users.has(userId)) {
      const scopes = (form.data.scope ?? '').split(/\s+/).filter((s) => WHOOP_SCOPES.includes(s));
      const code = randomBytes(24).toString('base64url');
      state.codes.set(code, {
        userId,
        scopes,
        redirectUri: form.data.redirect_uri,
        expiresAtMs: state.config.nowMs() + CODE_LIFETIME_MS,
      });
      outcome = { code, scope: scopes.join(' ') };
    }
    return reply.redirect(consentRedirect(form.data.redirect_uri, form.data.state, outcome), 302);
  });

  app.post(WHOOP_TOKEN_PATH, async (request, reply) => {
    const form = tokenForm.safeParse(request.body);
    if (!form.success) return reply.code(400).send(oauthError('invalid_request', 'grant_type is required'));
    const { client_id: clientId, client_secret: clientSecret } = form.data;
    if (clientId !== state.config.clientId || clientSecret !== state.config.clientSecret) {
      return reply.code(401).send(oauthError('invalid_client', 'Client authentication failed'));
    }
    let grant: WhoopGrant | undefined;
    if (form.data.grant_type === 'authorization_code') {
      grant = redeemCode(state.codes, form.data.code, {
        nowMs: state.config.nowMs(),
        redirectUri: form.data.redirect_uri,
      });
    } else if (form.data.grant_type === 'refresh_token') {
      const token = form.data.refresh_token ?? '';
      grant = state.refreshTokens.get(token);
      if (grant !== undefined && state.config.rotateRefreshTokens) state.refreshTokens.delete(token);
    } else {
      return reply.code(400).send(oauthError('unsupported_grant_type', 'Unsupported grant_type'));
    }
    if (grant === undefined) {
      return reply
        .code(400)
        .send(
          oauthError(
            'invalid_grant',
            'The provided authorization grant or refresh token is invalid, expired or revoked',
          ),
        );
    }
    return reply.send(issueTokens(state, grant));
  });
}

function issueTokens(state: WhoopState, grant: WhoopGrant): Record<string, unknown> {
  const now = state.config.nowMs();
  const cap = state.faults.tokenLifetimeCapMs();
  const lifetime = Math.min(
    state.config.accessTokenLifetimeSeconds,
    cap === undefined ? Infinity : Math.floor(cap / 1000),
  );
  const accessToken = randomBytes(32).toString('base64url');
  state.accessTokens.set(accessToken, { ...grant, issuedAtMs: now, expiresAtMs: now + lifetime * 1000 });
  const offline = grant.scopes.includes('offline');
  const refreshToken = offline ? randomBytes(32).toString('base64url') : undefined;
  if (refreshToken !== undefined) state.refreshTokens.set(refreshToken, grant);
  return {
    access_token: accessToken,
    expires_in: lifetime,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope: grant.scopes.join(' '),
    token_type: 'bearer',
  };
}
