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
import { basicCredentials, isOurClient } from './polar-auth.js';
import { sendPolarError } from './polar-error-body.js';
import type { PolarState } from './polar-state.js';

export const POLAR_AUTHORIZE_PATH = '/oauth2/authorization';
export const POLAR_TOKEN_PATH = '/v2/oauth2/token';
const CODE_LIFETIME_MS = 10 * 60_000;

const consentForm = authorizeQuery.extend(consentDecision);

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
    const athleteId = Number(form.data.athlete_id);
    let outcome = ACCESS_DENIED;
    if (form.data.decision === 'allow' && state.athletes.has(athleteId)) {
      const code = randomBytes(16).toString('hex');
      state.codes.set(code, { athleteId, redirectUri, expiresAtMs: state.config.nowMs() + CODE_LIFETIME_MS });
      outcome = { code };
    }
    return reply.redirect(consentRedirect(redirectUri, oauthState, outcome), 302);
  });

  app.post(POLAR_TOKEN_PATH, async (request, reply) => {
    if (!isOurClient(state, basicCredentials(request))) {
      return sendOAuthError(reply, 401, 'invalid_client', 'Client authentication failed');
    }
    const form = tokenForm.safeParse(request.body);
    if (!form.success) {
      return sendOAuthError(reply, 400, 'invalid_request', 'grant_type and code are required');
    }
    if (form.data.grant_type !== 'authorization_code') {
      return sendOAuthError(reply, 400, 'unsupported_grant_type', 'Only authorization_code');
    }
    const grant = redeemCode(state.codes, form.data.code, {
      nowMs: state.config.nowMs(),
      redirectUri: form.data.redirect_uri,
      redirectOptional: true,
    });
    if (grant === undefined) return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid authorization code');
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
