import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WithingsState } from './withings-state.js';

/** Body statuses the simulator uses ([S] vangorra `const.py`; 293/294 are our pick [U]). */
export const WITHINGS_STATUS = {
  ok: 0,
  invalidToken: 401,
  unauthorized: 214,
  invalidParams: 503,
  timeout: 522,
  tooManyRequests: 601,
  callbackUnreachable: 293,
  noSuchSubscription: 294,
} as const;

/** Success: always HTTP 200 and `{status: 0, body}`. */
export function ok(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.code(200).send({ status: 0, body });
}

/** Failure: still HTTP 200; the error lives in the body `status` (the `error` text is [U]). */
export function errorBody(
  status: number,
  error: string,
): { status: number; body: Record<string, never>; error: string } {
  return { status, body: {}, error };
}

export function fail(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(200).send(errorBody(status, error));
}

/** Withings takes POST and GET alike: parameters come from the form body or the query. */
export function paramsOf(request: FastifyRequest): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of [request.query, request.body]) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number') merged[key] = String(value);
    }
  }
  return merged;
}

/** The user behind `Authorization: Bearer`, holding `scope`; answers the body error otherwise. */
export function requireUser(
  state: WithingsState,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
): number | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const grant = token === undefined ? undefined : state.tokens.use(token);
  if (grant === undefined || state.unlinked.has(grant.userid)) {
    void fail(
      reply,
      WITHINGS_STATUS.invalidToken,
      'XRequestID: Not provided invalid_token: The access token provided is invalid',
    );
    return undefined;
  }
  if (!grant.scope.split(',').includes(scope)) {
    void fail(reply, WITHINGS_STATUS.unauthorized, `Unauthorized: the token lacks the ${scope} scope`);
    return undefined;
  }
  return grant.userid;
}

/** An epoch-seconds parameter, or undefined when absent or not a whole number. */
export function epochParam(params: Record<string, string>, name: string): number | undefined {
  const value = params[name];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `more` + `offset` paging over an already filtered, ordered list. */
export function page<T>(items: readonly T[], params: Record<string, string>, size: number) {
  const offset = epochParam(params, 'offset') ?? 0;
  const slice = items.slice(offset, offset + size);
  const more = offset + size < items.length;
  return { slice, more: more ? 1 : 0, offset: more ? offset + size : 0 };
}
