import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { summaryAthleteJson } from './strava-athletes.js';
import { renderConsentPage } from './strava-consent-page.js';
import { faults } from './strava-fault.js';
import { isStravaScope, type StravaScope } from './strava-token-store.js';
import type { StravaWorld } from './strava-world.js';
import { parseId, requestFields } from './request-fields.js';

const AUTHORIZE_PATH = '/oauth/authorize';

/** Strava always grants `read`; the rest is what the user left ticked. Null on an unknown scope. */
function parseScopes(raw: string | undefined): StravaScope[] | null {
  const parts = (raw ?? 'read').split(/[,\s]+/).filter((s) => s !== '');
  if (!parts.every(isStravaScope)) return null;
  return [...new Set<StravaScope>(['read', ...parts])];
}

export interface StravaOAuthRouteOptions {
  /**
   * The app's "Authorization Callback Domain". When set, redirect URIs must be on it (or a
   * subdomain); localhost and 127.0.0.1 are always allowed, as on Strava.
   */
  readonly callbackDomain?: string | undefined;
}

function redirectAllowed(redirectUri: string, callbackDomain: string | undefined): boolean {
  if (!URL.canParse(redirectUri)) return false;
  const host = new URL(redirectUri).hostname;
  return (
    callbackDomain === undefined ||
    host === 'localhost' ||
    host === '127.0.0.1' ||
    host === callbackDomain ||
    host.endsWith(`.${callbackDomain}`)
  );
}

/** Checks the parts of an authorize request that Strava answers with a JSON 400, not a page. */
function authorizeRequestFault(
  world: StravaWorld,
  fields: Record<string, string>,
  options: StravaOAuthRouteOptions,
) {
  if (fields.client_id !== world.clientId) return faults.badRequest('Application', 'client_id');
  if (fields.redirect_uri === undefined || !redirectAllowed(fields.redirect_uri, options.callbackDomain)) {
    return faults.badRequest('Application', 'redirect_uri');
  }
  if (fields.response_type !== 'code') return faults.badRequest('Application', 'response_type');
  if (parseScopes(fields.scope) === null) return faults.badRequest('Application', 'scope');
  return null;
}

async function consentPage(
  world: StravaWorld,
  options: StravaOAuthRouteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const fields = requestFields(request);
  const problem = authorizeRequestFault(world, fields, options);
  if (problem !== null) return reply.code(400).send(problem);
  const athlete = world.athlete(world.loggedInAthleteId);
  const scopes = parseScopes(fields.scope) ?? [];
  return reply.type('text/html; charset=utf-8').send(
    renderConsentPage({
      action: AUTHORIZE_PATH,
      appName: `Application ${world.clientId}`,
      athleteName: athlete === undefined ? 'unknown' : `${athlete.firstname} ${athlete.lastname}`,
      requestedScopes: scopes,
      hiddenFields: {
        client_id: fields.client_id ?? '',
        redirect_uri: fields.redirect_uri ?? '',
        response_type: 'code',
        approval_prompt: fields.approval_prompt ?? 'auto',
        state: fields.state ?? '',
        scope: scopes.join(','),
        athlete_id: String(world.loggedInAthleteId),
      },
    }),
  );
}

async function consentDecision(
  world: StravaWorld,
  options: StravaOAuthRouteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const fields = requestFields(request);
  const problem = authorizeRequestFault(world, fields, options);
  if (problem !== null) return reply.code(400).send(problem);
  const athleteId = parseId(fields.athlete_id);
  if (athleteId === null || world.athlete(athleteId) === undefined) {
    return reply.code(400).send(faults.badRequest('Athlete', 'athlete_id'));
  }
  const target = new URL(fields.redirect_uri ?? '');
  if (fields.decision !== 'allow') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('state', fields.state ?? '');
    return reply.redirect(target.href, 302);
  }
  const scopes = parseScopes(fields.scope) ?? ['read'];
  target.searchParams.set('state', fields.state ?? '');
  target.searchParams.set('code', world.tokens.issueCode(athleteId, scopes));
  target.searchParams.set('scope', scopes.join(','));
  return reply.redirect(target.href, 302);
}

async function tokenEndpoint(world: StravaWorld, request: FastifyRequest, reply: FastifyReply) {
  const fields = requestFields(request);
  if (fields.client_id !== world.clientId)
    return reply.code(400).send(faults.badRequest('Application', 'client_id'));
  if (fields.client_secret !== world.clientSecret) {
    return reply.code(400).send(faults.badRequest('Application', 'client_secret'));
  }
  if (fields.grant_type === 'authorization_code') {
    const grant = fields.code === undefined ? null : world.tokens.exchangeCode(fields.code);
    if (grant === null) return reply.code(400).send(faults.invalidCode());
    const { athleteId, ...tokens } = grant;
    const athlete = world.athlete(athleteId);
    return reply.send({ ...tokens, athlete: athlete === undefined ? null : summaryAthleteJson(athlete) });
  }
  if (fields.grant_type === 'refresh_token') {
    const tokens = fields.refresh_token === undefined ? null : world.tokens.refresh(fields.refresh_token);
    if (tokens === null) return reply.code(400).send(faults.invalidRefreshToken());
    return reply.send(tokens);
  }
  return reply.code(400).send(faults.badRequest('Application', 'grant_type'));
}

function bearerOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The documented revoke: `access_token` in the body (or as the bearer token). */
async function deauthorize(world: StravaWorld, request: FastifyRequest, reply: FastifyReply) {
  const token = requestFields(request).access_token ?? bearerOf(request);
  if (token === undefined || world.tokens.resolveAccessToken(token) === null) {
    return reply.code(401).send(faults.invalidAccessToken());
  }
  world.deauthorize(token);
  return reply.send({ access_token: token });
}

/** The 2026 RFC 7009-style revoke with Basic client auth [S/U]: unknown tokens still get 200. */
async function revoke(world: StravaWorld, request: FastifyRequest, reply: FastifyReply) {
  const expected = `Basic ${Buffer.from(`${world.clientId}:${world.clientSecret}`).toString('base64')}`;
  if (request.headers.authorization !== expected) {
    return reply.code(401).send({
      message: 'Authorization Error',
      errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }],
    });
  }
  const token = requestFields(request).token;
  if (token === undefined || token === '')
    return reply.code(400).send(faults.badRequest('Token', 'token', 'missing'));
  world.deauthorize(token);
  return reply.code(200).send();
}

export function registerStravaOAuthRoutes(
  app: FastifyInstance,
  world: StravaWorld,
  options: StravaOAuthRouteOptions = {},
): void {
  app.get(AUTHORIZE_PATH, (request, reply) => consentPage(world, options, request, reply));
  app.post(AUTHORIZE_PATH, (request, reply) => consentDecision(world, options, request, reply));
  app.post('/oauth/token', (request, reply) => tokenEndpoint(world, request, reply));
  app.post('/api/v3/oauth/token', (request, reply) => tokenEndpoint(world, request, reply));
  app.post('/oauth/deauthorize', (request, reply) => deauthorize(world, request, reply));
  app.post('/oauth/revoke', (request, reply) => revoke(world, request, reply));
}
