import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPolarError } from './polar-error-body.js';
import type { PolarState } from './polar-state.js';

/** Reads `Authorization: Basic base64(id:secret)`; undefined when absent or malformed. */
export function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function isOurClient(
  state: PolarState,
  credentials: { id: string; secret: string } | undefined,
): boolean {
  if (credentials === undefined || credentials.id !== state.config.clientId) return false;
  const given = Buffer.from(credentials.secret);
  const expected = Buffer.from(state.config.clientSecret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** App-level endpoints (webhooks, notifications): Basic client auth or 401. */
export function requireClient(state: PolarState, request: FastifyRequest, reply: FastifyReply): boolean {
  if (isOurClient(state, basicCredentials(request))) return true;
  sendPolarError(reply, 401, 'unauthorized', 'Invalid client credentials');
  return false;
}

/** User endpoints: a valid bearer token, else 401. Returns the Polar user id. */
export function requireUser(
  state: PolarState,
  request: FastifyRequest,
  reply: FastifyReply,
): number | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const athleteId = token === undefined ? undefined : state.athleteOfToken(token);
  if (athleteId === undefined) {
    sendPolarError(reply, 401, 'unauthorized', 'Invalid or missing access token');
    return undefined;
  }
  return athleteId;
}

/**
 * Data endpoints: a valid token of a user registered with our client who has accepted the
 * mandatory consents. Polar answers 403 for both of the latter.
 */
export function requireDataAccess(
  state: PolarState,
  request: FastifyRequest,
  reply: FastifyReply,
): number | undefined {
  const athleteId = requireUser(state, request, reply);
  if (athleteId === undefined) return undefined;
  if (!state.registrations.has(athleteId)) {
    sendPolarError(reply, 403, 'forbidden', 'User is not registered with this client');
    return undefined;
  }
  if (state.athletes.get(athleteId)?.consentsAccepted !== true) {
    sendPolarError(reply, 403, 'forbidden', 'User has not accepted all mandatory consents');
    return undefined;
  }
  return athleteId;
}
