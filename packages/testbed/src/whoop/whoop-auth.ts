import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendWhoopError, type WhoopErrorBodyFn } from './whoop-error-body.js';
import type { WhoopGrant, WhoopState } from './whoop-state.js';

/** A valid bearer token holding `scope`, else 401 (no/expired token) or 403 (scope not granted). */
export function requireGrant(
  state: WhoopState,
  errorBody: WhoopErrorBodyFn,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string | null,
): WhoopGrant | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const grant = token === undefined ? undefined : state.grantOf(token);
  if (grant === undefined) {
    sendWhoopError(reply, errorBody, 401, 'Authorization was not valid');
    return undefined;
  }
  if (scope !== null && !grant.scopes.includes(scope)) {
    sendWhoopError(reply, errorBody, 403, `Missing scope ${scope}`);
    return undefined;
  }
  return grant;
}
