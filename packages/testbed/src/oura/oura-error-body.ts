import type { FastifyReply } from 'fastify';

/** One FastAPI validation issue: where, what, and the pydantic error type. */
export interface OuraValidationIssue {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

/**
 * Oura's API is FastAPI: `HTTPException`s answer `{"detail": "<message>"}`, request validation
 * answers 422 `{"detail": [{"loc", "msg", "type"}]}` (`HTTPValidationError`).
 */
export function ouraErrorBody(message: string): { detail: string } {
  return { detail: message };
}

export function sendOuraError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(ouraErrorBody(message));
}

export function sendOuraValidationError(
  reply: FastifyReply,
  issues: readonly OuraValidationIssue[],
): FastifyReply {
  return reply.code(422).type('application/json').send({ detail: issues });
}
