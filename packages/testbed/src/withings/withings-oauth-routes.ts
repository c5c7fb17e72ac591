import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { renderConsentPage } from '../consent/consent-page.js';
import { WITHINGS_STATUS, fail, ok, paramsOf } from './withings-envelope.js';
import type { WithingsState } from './withings-state.js';

export const WITHINGS_AUTHORIZE_PATH = '/oauth2_user/authorize2';
export const WITHINGS_TOKEN_PATH = '/v2/oauth2';
const CODE_LIFETIME_MS = 30_000; // Withings codes are short-lived (about 30 s) [U]
const KNOWN_SCOPES = new Set(['user.info', 'user.metrics', 'user.activity', 'user.sleepevents']);

/**
 * account.withings.com's consent page and wbsapi's `/v2/oauth2` `requesttoken` action.
 * Errors at the token endpoint are body statuses with HTTP 200 (503 "Invalid Params" for an
 * unknown code or refresh token [S]).
 */
export function registerWithingsOAuthRoutes(app: FastifyInstance, state: WithingsState): void {
  app.get(WITHINGS_AUTHORIZE_PATH, async (request, reply) => {
    const query = paramsOf(request);
    if (query.client_id !== state.config.clientId)
      return reply.code(400).type('text/plain').send('Invalid client_id');
    if (
      query.response_type !== 'code' ||
      query.redirect_uri === undefined ||
      !URL.canParse(query.redirect_uri)
    ) {
      return reply
        .code(400)
        .type('text/plain')
        .send('Invalid request: response_type=code and redirect_uri are required');
    }
    // Scopes are comma-separated; unknown ones are dropped, as a consent page would.
    const scope = (query.scope ?? '')
      .split(',')
      .filter((s) => KNOWN_SCOPES.has(s))
      .join(',');
    const fields: Record<string, string> = {
      client_id: query.client_id,
      redirect_uri: query.redirect_uri,
      scope,
      ...(query.state === undefined ? {} : { state: query.state }),
      athlete_id: String(state.loggedIn),
    };
    return reply
      .type('text/html')
      .send(renderConsentPage({ action: WITHINGS_AUTHORIZE_PATH, appName: 'Withings Health Mate', fields }));
  });

  app.post(WITHINGS_AUTHORIZE_PATH, async (request, reply) => {
    const form = paramsOf(request);
    if (
      form.client_id !== state.config.clientId ||
      form.redirect_uri === undefined ||
      !URL.canParse(form.redirect_uri)
    ) {
      return reply.code(400).type('text/plain').send('Malformed consent submission');
    }
    const target = new URL(form.redirect_uri);
    const userid = Number(form.athlete_id);
    if (form.decision !== 'allow' || !state.users.has(userid)) {
      target.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(16).toString('hex');
      state.codes.set(code, {
        userid,
        redirectUri: form.redirect_uri,
        scope: form.scope ?? '',
        expiresAtMs: state.config.nowMs() + CODE_LIFETIME_MS,
      });
      state.unlinked.delete(userid);
      target.searchParams.set('code', code);
    }
    if (form.state !== undefined) target.searchParams.set('state', form.state);
    return reply.redirect(target.toString(), 302);
  });

  app.route({
    method: ['GET', 'POST'],
    url: WITHINGS_TOKEN_PATH,
    handler: async (request, reply) => {
      const form = paramsOf(request);
      if (form.action !== 'requesttoken')
        return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: unknown action');
      if (
        form.client_id !== state.config.clientId ||
        !sameSecret(form.client_secret, state.config.clientSecret)
      ) {
        return fail(
          reply,
          WITHINGS_STATUS.invalidParams,
          'Invalid Params: invalid client_id or client_secret',
        );
      }
      const cap = state.faults.tokenLifetimeCapMs();
      if (form.grant_type === 'authorization_code') {
        const grant = form.code === undefined ? undefined : state.codes.get(form.code);
        if (form.code !== undefined) state.codes.delete(form.code);
        if (
          grant === undefined ||
          grant.expiresAtMs < state.config.nowMs() ||
          grant.redirectUri !== form.redirect_uri
        ) {
          return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: invalid code');
        }
        const issued = state.tokens.issue(grant.userid, grant.scope, cap);
        return ok(reply, {
          userid: String(grant.userid),
          ...issued,
          csrf_token: randomBytes(8).toString('hex'),
          token_type: 'Bearer',
        });
      }
      if (form.grant_type === 'refresh_token') {
        const rotated =
          form.refresh_token === undefined ? undefined : state.tokens.rotate(form.refresh_token, cap);
        if (rotated === undefined || state.unlinked.has(rotated.userid)) {
          return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: invalid refresh_token');
        }
        const { userid, ...issued } = rotated;
        return ok(reply, {
          userid: String(userid),
          ...issued,
          csrf_token: randomBytes(8).toString('hex'),
          token_type: 'Bearer',
        });
      }
      return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: grant_type');
    },
  });
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
