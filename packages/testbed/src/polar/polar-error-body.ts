import { systemClock } from '@syncwell/core';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Polar's swagger `Error` model: every AccessLink error answers with this body. */
export interface PolarErrorBody {
  readonly timestamp: string;
  readonly status: number;
  readonly errorType: string;
  readonly message: string;
  readonly corrId: string;
}

export function polarErrorBody(status: number, errorType: string, message: string): PolarErrorBody {
  // The stamp is informational (nothing decides on it), so it reads the system clock.
  return { timestamp: systemClock.now().toISOString(), status, errorType, message, corrId: randomUUID() };
}

export function sendPolarError(
  reply: FastifyReply,
  status: number,
  errorType: string,
  message: string,
): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send(polarErrorBody(status, errorType, message));
}
