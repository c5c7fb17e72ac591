import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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
import { sendGarminError, sendOAuthError } from './garmin-error-body.js';
import type { GarminState } from './garmin-state.js';

export const GARMIN_AUTHORIZE_PATH = '/oauth2Confirm';
/**
 * The consent page's toggle for backfill access. Garmin shows the user one toggle per portal
 * permission, with historical data off by default; `approveConsent(url, { checkboxes:
 * { [GARMIN_HISTORY_CHECKBOX]: true } })` ticks it.
 */
export const GARMIN_HISTORY_CHECKBOX = 'HISTORICAL_DATA_EXPORT';
export const GARMIN_TOKEN_PATH = '/di-oauth2-service/oauth/token';
const CODE_LIFETIME_MS = 10 * 60_000;

const garminAuthorizeQuery = authorizeQuery.extend({
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
});
const consentForm = garminAuthorizeQuery.extend({
  ...consentDecision,
  [GARMIN_HISTORY_CHECKBOX]: z.literal('granted').optional(),
});
const tokenForm = z.object({
  grant_type: z.string(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
});

/**
 * connect.garmin.com's `oauth2Confirm` consent page and diauth.garmin.com's token endpoint:
 * PKCE S256 (required unless `requirePkce` is off), client credentials in the body, tokens with
 * `expires_in` and `refresh_token_expires_in` (both configurable: Garmin's values are unknown),
 * and refresh tokens that rotate (the old one dies on use) [U].
 */
export function registerGarminOAuthRoutes(app: FastifyInstance, state: GarminState): void {
  app.get(GARMIN_AUTHORIZE_PATH, async (request, reply) => {
    const query = garminAuthorizeQuery.parse(request.query);
    if (query.client_id !== state.config.clientId) return sendGarminError(reply, 400, 'Unknown client_id');
    if (query.redirect_uri === undefined || !URL.canParse(query.redirect_uri))
      return sendGarminError(reply, 400, 'redirect_uri is required');
    if (query.response_type !== 'code') return sendGarminError(reply, 400, 'response_type must be code');
    const pkce = query.code_challenge !== undefined;
    if (pkce && query.code_challenge_method !== 'S256')
      return sendGarminError(reply, 400, 'code_challenge_method must be S256');
    if (!pkce && state.config.requirePkce) return sendGarminError(reply, 400, 'code_challenge is required');
    const fields: Record<string, string> = {
      response_type: 'code',
      client_id: query.client_id,
      redirect_uri: query.redirect_uri,
      ...(query.state === undefined ? {} : { state: query.state }),
      ...(query.code_challenge === undefined
        ? {}
        : { code_challenge: query.code_challenge, code_challenge_method: 'S256' }),
      athlete_id: state.loggedIn,
    };
    // The toggle shows what the user granted before (off for a first connection).
    const granted = state.users.get(state.loggedIn)?.permissions.has(GARMIN_HISTORY_CHECKBOX) ?? false;
    const checkboxes = [
      {
        name: GARMIN_HISTORY_CHECKBOX,
        value: 'granted',
        label: 'Share my historical data (backfill)',
        checked: granted,
      },
    ];
    return reply
      .type('text/html')
      .send(
        renderConsentPage({ action: GARMIN_AUTHORIZE_PATH, appName: 'Garmin Connect', fields, checkboxes }),
      );
  });

  app.post(GARMIN_AUTHORIZE_PATH, async (request, reply) => {
    const form = consentForm.safeParse(request.body);
    if (
      !form.success ||
      form.data.client_id !== state.config.clientId ||
      form.data.redirect_uri === undefined
    )
      return sendGarminError(reply, 400, 'Malformed consent submission');
    const userId = form.data.athlete_id;
    let outcome = ACCESS_DENIED;
    if (form.data.decision === 'allow' && state.users.has(userId)) {
      const code = randomBytes(16).toString('hex');
      state.codes.set(code, {
        userId,
        redirectUri: form.data.redirect_uri,
        ...(form.data.code_challenge === undefined ? {} : { challenge: form.data.code_challenge }),
        expiresAtMs: state.config.nowMs() + CODE_LIFETIME_MS,
      });
      outcome = { code };
      // The toggles are the user's answer: ticked grants the permission, cleared withdraws it.
      const permissions = state.user(userId).permissions;
      if (form.data[GARMIN_HISTORY_CHECKBOX] === 'granted') permissions.add(GARMIN_HISTORY_CHECKBOX);
      else permissions.delete(GARMIN_HISTORY_CHECKBOX);
    }
    return reply.redirect(consentRedirect(form.data.redirect_uri, form.data.state, outcome), 302);
  });

  app.post(GARMIN_TOKEN_PATH, async (request, reply) => {
    const form = tokenForm.safeParse(request.body);
    if (!form.success) return sendOAuthError(reply, 400, 'invalid_request', 'grant_type is required');
    const { data } = form;
    if (
      data.client_id !== state.config.clientId ||
      !same(data.client_secret ?? '', state.config.clientSecret)
    )
      return sendOAuthError(reply, 401, 'invalid_client', 'Client authentication failed');
    let userId: string | undefined;
    if (data.grant_type === 'authorization_code') {
      const grant = redeemCode(state.codes, data.code, {
        nowMs: state.config.nowMs(),
        redirectUri: data.redirect_uri,
        redirectOptional: true,
      });
      const verified =
        grant !== undefined &&
        (grant.challenge === undefined
          ? !state.config.requirePkce
          : s256(data.code_verifier ?? '') === grant.challenge);
      if (!verified)
        return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid authorization code or code_verifier');
      userId = grant.userId;
      state.user(userId).registered = true;
    } else if (data.grant_type === 'refresh_token') {
      const entry = state.refreshTokens.get(data.refresh_token ?? '');
      state.refreshTokens.delete(data.refresh_token ?? '');
      if (entry === undefined || entry.expiresAtMs <= state.config.nowMs())
        return sendOAuthError(reply, 400, 'invalid_grant', 'Invalid refresh token');
      userId = entry.userId;
    } else return sendOAuthError(reply, 400, 'unsupported_grant_type', 'Unsupported grant_type');
    return reply.send(issueTokens(state, userId));
  });
}

function issueTokens(state: GarminState, userId: string) {
  const now = state.config.nowMs();
  const cap = state.faults.tokenLifetimeCapMs();
  const lifetimeS = Math.min(
    state.config.accessTokenLifetimeSeconds,
    cap === undefined ? Infinity : Math.floor(cap / 1000),
  );
  const accessToken = randomBytes(24).toString('base64url');
  const refreshToken = randomBytes(24).toString('base64url');
  state.accessTokens.set(accessToken, { userId, expiresAtMs: now + lifetimeS * 1000, issuedAtMs: now });
  state.refreshTokens.set(refreshToken, {
    userId,
    expiresAtMs: now + state.config.refreshTokenLifetimeSeconds * 1000,
  });
  return {
    access_token: accessToken,
    token_type: 'bearer',
    refresh_token: refreshToken,
    expires_in: lifetimeS,
    refresh_token_expires_in: state.config.refreshTokenLifetimeSeconds,
    scope: [...(state.users.get(userId)?.permissions ?? [])].join(' '),
  };
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
