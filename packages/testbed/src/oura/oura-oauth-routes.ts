import { randomBytes } from 'node:crypto';
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
import { sameText } from './oura-auth.js';
import { sendOuraError } from './oura-error-body.js';
import type { OuraState } from './oura-state.js';

export const OURA_AUTHORIZE_PATH = '/oauth/authorize';
export const OURA_TOKEN_PATH = '/oauth/token';
export const OURA_REVOKE_PATH = '/oauth/revoke';
export const OURA_SCOPES = [
  'email',
  'personal',
  'daily',
  'heartrate',
  'workout',
  'tag',
  'session',
  'spo2Daily',
];
const CODE_LIFETIME_MS = 10 * 60_000;

const consentForm = authorizeQuery.extend(consentDecision);
const tokenForm = z.object({
  grant_type: z.string(),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
  redirect_uri: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

/**
 * cloud.ouraring.com's consent page and api.ouraring.com's token and revoke endpoints. Scopes are
 * space-separated (all of them when omitted); client credentials travel in the form body; refresh
 * tokens rotate and die on first use, so a concurrent second refresh gets `invalid_grant`.
 */
export function registerOuraOAuthRoutes(app: FastifyInstance, state: OuraState): void {
  app.get(OURA_AUTHORIZE_PATH, async (request, reply) => {
    const query = authorizeQuery.parse(request.query);
    if (query.client_id !== state.config.clientId) return sendOuraError(reply, 400, 'Invalid client_id');
    if (query.redirect_uri === undefined || !URL.canParse(query.redirect_uri)) {
      return sendOuraError(reply, 400, 'Invalid redirect_uri');
    }
    if (query.response_type !== 'code') return sendOuraError(reply, 400, 'Unsupported response_type');
    const fields: Record<string, string> = {
      response_type: 'code',
      client_id: query.client_id,
      redirect_uri: query.redirect_uri,
      scope: query.scope ?? OURA_SCOPES.join(' '),
      ...(query.state === undefined ? {} : { state: query.state }),
      athlete_id: state.loggedIn,
    };
    return reply
      .type('text/html')
      .send(renderConsentPage({ action: OURA_AUTHORIZE_PATH, appName: 'Oura', fields }));
  });

  app.post(OURA_AUTHORIZE_PATH, async (request, reply) => {
    const form = consentForm.safeParse(request.body);
    if (
      !form.success ||
      form.data.client_id !== state.config.clientId ||
      form.data.redirect_uri === undefined
    ) {
      return sendOuraError(reply, 400, 'Malformed consent submission');
    }
    const userId = form.data.athlete_id;
    const scopes = (form.data.scope ?? '').split(' ').filter((s) => OURA_SCOPES.includes(s) || s === 'spo2');
    const capped = !state.connectedUsers.has(userId) && state.connectedUsers.size >= state.config.userCap;
    const allowed = form.data.decision === 'allow' && state.users.has(userId);
    let outcome = ACCESS_DENIED;
    if (allowed && capped) {
      // An unapproved app is limited to 10 users; how Oura refuses the 11th is not documented ([U]).
      outcome = { ...ACCESS_DENIED, error_description: 'The application has reached its user limit' };
    } else if (allowed) {
      const code = randomBytes(16).toString('hex');
      const expiresAtMs = state.config.nowMs() + CODE_LIFETIME_MS;
      state.codes.set(code, { userId, redirectUri: form.data.redirect_uri, scopes, expiresAtMs });
      outcome = { code };
    }
    return reply.redirect(consentRedirect(form.data.redirect_uri, form.data.state, outcome), 302);
  });

  app.post(OURA_TOKEN_PATH, async (request, reply) => {
    const form = tokenForm.safeParse(request.body);
    if (!form.success) return sendOAuthError(reply, 400, 'invalid_request', 'grant_type is required');
    const { client_id: id, client_secret: secret } = form.data;
    if (
      id !== state.config.clientId ||
      secret === undefined ||
      !sameText(secret, state.config.clientSecret)
    ) {
      return sendOAuthError(reply, 401, 'invalid_client', 'Client authentication failed');
    }
    if (form.data.grant_type === 'authorization_code') {
      const grant = redeemCode(state.codes, form.data.code, {
        nowMs: state.config.nowMs(),
        redirectUri: form.data.redirect_uri,
      });
      if (grant === undefined)
        return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid authorization code');
      state.connectedUsers.add(grant.userId);
      return reply.send(issueTokens(state, grant.userId, grant.scopes));
    }
    if (form.data.grant_type === 'refresh_token') {
      const held =
        form.data.refresh_token === undefined ? undefined : state.refreshTokens.get(form.data.refresh_token);
      // Single use: the first refresh consumes the token, any later use of it is refused.
      if (form.data.refresh_token !== undefined) state.refreshTokens.delete(form.data.refresh_token);
      if (held === undefined) return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid refresh token');
      return reply.send(issueTokens(state, held.userId, held.scopes));
    }
    return sendOAuthError(reply, 400, 'unsupported_grant_type', 'Unsupported grant_type');
  });

  // The docs leave GET vs POST open; both revoke the access token and its user's refresh tokens.
  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: OURA_REVOKE_PATH,
      handler: async (request, reply) => {
        const token = (request.query as { access_token?: string }).access_token;
        const record = token === undefined ? undefined : state.accessTokens.get(token);
        if (token === undefined || record === undefined) return sendOuraError(reply, 400, 'Invalid token');
        state.accessTokens.delete(token);
        for (const [refresh, held] of state.refreshTokens)
          if (held.userId === record.userId) state.refreshTokens.delete(refresh);
        return reply.code(200).send({});
      },
    });
  }
}

function issueTokens(state: OuraState, userId: string, scopes: readonly string[]): Record<string, unknown> {
  const now = state.config.nowMs();
  const cap = state.faults.tokenLifetimeCapMs();
  const lifetime = Math.min(
    state.config.tokenLifetimeSeconds,
    cap === undefined ? Infinity : Math.floor(cap / 1000),
  );
  const accessToken = randomBytes(24).toString('base64url');
  const refreshToken = randomBytes(24).toString('base64url');
  state.accessTokens.set(accessToken, {
    userId,
    scopes,
    issuedAtMs: now,
    expiresAtMs: now + lifetime * 1000,
  });
  state.refreshTokens.set(refreshToken, { userId, scopes });
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: lifetime,
    refresh_token: refreshToken,
  };
}
