import { SyncWellError, ValidationError } from '@syncwell/core';
import type { FastifyInstance } from 'fastify';

/** Keys that would reach an object's prototype if a later step merged the body into another object. */
const FORBIDDEN_KEY_MESSAGE = 'must not contain the keys "__proto__" or "constructor.prototype"';

/**
 * Parses a JSON body. Text that is not JSON is SW_MALFORMED_JSON; well-formed JSON that carries
 * a `__proto__` key, or a `constructor` object with a `prototype` key, is well-formed but not
 * acceptable: SW_VALIDATION_FAILED, like any other field the schema refuses. (Fastify's own
 * parser reports both as "invalid JSON", which tells a client the wrong thing.)
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new SyncWellError('SW_MALFORMED_JSON');
  const seen = { poisoned: false };
  let parsed: unknown;
  try {
    // JSON.parse defines `__proto__` as an own property (no prototype is touched); the reviver
    // only notices it. It runs bottom-up, so `constructor`'s value is complete when seen.
    parsed = JSON.parse(text, function noticePrototypeKeys(key, value: unknown) {
      if (key === '__proto__') seen.poisoned = true;
      else if (key === 'constructor' && isObject(value) && Object.hasOwn(value, 'prototype'))
        seen.poisoned = true;
      return value;
    });
  } catch {
    throw new SyncWellError('SW_MALFORMED_JSON');
  }
  if (seen.poisoned) {
    throw new ValidationError('The request failed validation.', {
      issues: [{ path: 'body', message: FORBIDDEN_KEY_MESSAGE }],
    });
  }
  return parsed;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Replaces Fastify's JSON parser with `parseJsonBody`, keeping the instance's body limit. */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
