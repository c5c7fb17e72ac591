import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendOuraError } from './oura-error-body.js';
import type { OuraState, OuraUser } from './oura-state.js';

/** Oura scopes each collection needs; `spo2` is accepted as the other spelling of `spo2Daily`. */
const SCOPE_OF: Readonly<Record<string, readonly string[]>> = {
  workout: ['workout'],
  daily_activity: ['daily'],
  sleep: ['daily'],
  daily_spo2: ['spo2Daily', 'spo2'],
  heartrate: ['heartrate'],
  personal_info: ['personal'],
};

/** Personal Access Tokens (gone since Dec 2025) look like this; they get a 401 of their own. */
export const PAT_PATTERN = /^[A-Z0-9]{32}$/;

export const bearerOf = (request: FastifyRequest): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

/**
 * A data route's caller: a live OAuth token (401), an active membership (403), and the scope the
 * collection needs (403). Returns the user, or undefined once it has answered.
 */
export function requireDataAccess(
  state: OuraState,
  request: FastifyRequest,
  reply: FastifyReply,
  collection: string,
): OuraUser | undefined {
  const token = bearerOf(request);
  if (token !== undefined && PAT_PATTERN.test(token) && !state.accessTokens.has(token)) {
    sendOuraError(reply, 401, 'Personal access tokens are no longer supported; use OAuth2');
    return undefined;
  }
  const record = token === undefined ? undefined : state.tokenRecord(token);
  const user = record === undefined ? undefined : state.users.get(record.userId);
  if (record === undefined || user === undefined) {
    sendOuraError(reply, 401, 'Unauthorized');
    return undefined;
  }
  if (user.membershipExpired) {
    sendOuraError(reply, 403, 'Oura membership has expired');
    return undefined;
  }
  const needed = SCOPE_OF[collection] ?? [];
  if (needed.length > 0 && !needed.some((scope) => record.scopes.includes(scope))) {
    sendOuraError(reply, 403, `Missing scope: ${needed[0] ?? ''}`);
    return undefined;
  }
  return user;
}

/** Webhook subscription routes authenticate the app with `x-client-id` / `x-client-secret`. */
export function requireClientHeaders(
  state: OuraState,
  request: FastifyRequest,
  reply: FastifyReply,
): boolean {
  const id = request.headers['x-client-id'];
  const secret = request.headers['x-client-secret'];
  if (
    id === state.config.clientId &&
    typeof secret === 'string' &&
    sameText(secret, state.config.clientSecret)
  ) {
    return true;
  }
  sendOuraError(reply, 401, 'Invalid client credentials');
  return false;
}

export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
