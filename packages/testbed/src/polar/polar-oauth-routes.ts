import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { renderConsentPage } from '../consent/consent-page.js';
import { basicCredentials, isOurClient } from './polar-auth.js';
import { sendPolarError } from './polar-error-body.js';
import type { PolarState } from './polar-state.js';

export const POLAR_AUTHORIZE_PATH = '/oauth2/authorization';
export const POLAR_TOKEN_PATH = '/v2/oauth2/token';
const CODE_LIFETIME_MS = 10 * 60_000;

const authorizeQuery = z.object({
  response_type: z.string().optional(),
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
});

const consentForm = authorizeQuery.extend({ athlete_id: z.string(), decision: z.enum(['allow', 'deny']) });

const tokenForm = z.object({ grant_type: z.string(), code: z.string(), redirect_uri: z.string().optional() });

/**
 * flow.polar.com's authorize page and polarremote.com's token endpoint. Polar issues no refresh
 * token; the access token lives until the user deregisters or revokes.
 */
export function registerPolarOAuthRoutes(app: FastifyInstance, state: PolarState): void {
  app.get(POLAR_AUTHORIZE_PATH, async (request, reply) => {
    const query = authorizeQuery.parse(request.query);
    if (query.client_id !== state.config.clientId) {
      return sendPolarError(reply, 400, 'invalid_client', 'Unknown client_id');
    }
    if (query.redirect_uri === undefined || !URL.canParse(query.redirect_uri)) {
      return sendPolarError(reply, 400, 'invalid_request', 'redirect_uri is required');
    }
    if (query.response_type !== 'code') {
      return sendPolarError(reply, 400, 'unsupported_response_type', 'response_type must be code');
    }
    const fields: Record<string, string> = {
      response_type: 'code',
      client_id: query.client_id,
      redirect_uri: query.redirect_uri,
      ...(query.scope === undefined ? {} : { scope: query.scope }),
      ...(query.state === undefined ? {} : { state: query.state }),
      athlete_id: String(state.loggedIn),
    };
    return reply
      .type('text/html')
      .send(renderConsentPage({ action: POLAR_AUTHORIZE_PATH, appName: 'Polar Flow', fields }));
  });

  app.post(POLAR_AUTHORIZE_PATH, async (request, reply) => {
    const form = consentForm.safeParse(request.body);
    if (
      !form.success ||
      form.data.client_id !== state.config.clientId ||
      form.data.redirect_uri === undefined
    ) {
      return sendPolarError(reply, 400, 'invalid_request', 'Malformed consent submission');
    }
    const { redirect_uri: redirectUri, state: oauthState } = form.data;
    const target = new URL(redirectUri);
    const athleteId = Number(form.data.athlete_id);
    if (form.data.decision === 'deny' || !state.athletes.has(athleteId)) {
      target.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(16).toString('hex');
      state.codes.set(code, { athleteId, redirectUri, expiresAtMs: state.config.nowMs() + CODE_LIFETIME_MS });
      target.searchParams.set('code', code);
    }
    if (oauthState !== undefined) target.searchParams.set('state', oauthState);
    return reply.redirect(target.toString(), 302);
  });

  app.post(POLAR_TOKEN_PATH, async (request, reply) => {
    if (!isOurClient(state, basicCredentials(request))) {
      return reply
        .code(401)
        .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const form = tokenForm.safeParse(request.body);
    if (!form.success) {
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'grant_type and code are required' });
    }
    if (form.data.grant_type !== 'authorization_code') {
      return reply
        .code(400)
        .send({ error: 'unsupported_grant_type', error_description: 'Only authorization_code' });
    }
    const grant = state.codes.get(form.data.code);
    // A code works once, before it expires, and only with the redirect_uri it was issued for.
    state.codes.delete(form.data.code);
    if (
      grant === undefined ||
      grant.expiresAtMs < state.config.nowMs() ||
      grant.redirectUri !== (form.data.redirect_uri ?? grant.redirectUri)
    ) {
      return reply
        .code(400)
        .send({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
    }
    const accessToken = randomBytes(24).toString('hex');
    state.tokens.set(accessToken, grant.athleteId);
    state.tokenIssuedAtMs.set(accessToken, state.config.nowMs());
    const capMs = state.faults.tokenLifetimeCapMs();
    return reply.send({
      access_token: accessToken,
      token_type: 'bearer',
      expires_in:
        capMs === undefined
          ? state.config.tokenLifetimeSeconds
          : Math.min(state.config.tokenLifetimeSeconds, Math.floor(capMs / 1000)),
      x_user_id: grant.athleteId,
    });
  });
}
