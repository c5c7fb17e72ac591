import type { FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CODES, SyncWellError, type ErrorCode } from '@syncwell/core';
import { errorBody, type ApiErrorBody } from './api-error-body.js';
import { isDependencyUnavailable } from './dependency-errors.js';
import { notFoundOrMethodNotAllowed } from './framework-errors.js';

export interface ErrorResponse {
  readonly status: number;
  readonly body: ApiErrorBody;
}

const MALFORMED_JSON = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);
/** zod issues whose message quotes the input (key names). */
const ECHOING_ISSUES = new Set(['unrecognized_keys', 'invalid_key']);
/** Framework errors with a code of their own; other 4xx from Fastify are SW_VALIDATION_FAILED. */
const FRAMEWORK_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'SW_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SW_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_MAX_PARAM_LENGTH: 'SW_URI_TOO_LONG',
  FST_ERR_BAD_URL: 'SW_BAD_REQUEST',
};

/**
 * Maps anything thrown in a request to the API's `{ code, message, details }`. Only
 * SyncWellErrors and validation issues speak; everything else is a bare SW_INTERNAL so no stack,
 * SQL or provider text reaches a client. Validation details list paths and rule messages, never
 * the submitted values (they may be passwords or health data).
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  // Anything can be thrown; the library guards below assume an object.
  if (typeof error !== 'object' || error === null) return { status: 500, body: errorBody('SW_INTERNAL') };
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A path that names no resource is "not found", whatever the segment looks like.
    if (error.validationContext === 'params') return { status: 404, body: errorBody('SW_NOT_FOUND') };
    const issues = error.validation.map((issue) => ({
      path: [
        error.validationContext ?? 'request',
        ...issue.instancePath.split('/').filter((part) => part !== ''),
      ].join('.'),
      // zod names unknown keys in its message: the keys are the caller's input, so not here.
      message: ECHOING_ISSUES.has(issue.keyword)
        ? 'has keys this route does not accept'
        : (issue.message ?? 'is invalid'),
    }));
    return { status: 400, body: errorBody('SW_VALIDATION_FAILED', undefined, { issues }) };
  }
  if (isResponseSerializationError(error)) return { status: 500, body: errorBody('SW_INTERNAL') };
  if (error instanceof SyncWellError) {
    return { status: error.httpStatus, body: errorBody(error.code, error.message, error.details) };
  }
  if (isDependencyUnavailable(error)) return { status: 503, body: errorBody('SW_NOT_READY') };
  const framework = frameworkError(error);
  if (framework !== undefined) {
    if (MALFORMED_JSON.has(framework.code)) return { status: 400, body: errorBody('SW_MALFORMED_JSON') };
    const own = FRAMEWORK_CODES[framework.code];
    if (own !== undefined) return { status: ERROR_CODES[own].http, body: errorBody(own) };
    if (framework.statusCode === 404) return { status: 404, body: errorBody('SW_NOT_FOUND') };
    if (framework.statusCode === 429) return { status: 429, body: errorBody('SW_RATE_LIMITED') };
    if (framework.statusCode >= 400 && framework.statusCode < 500) {
      // Oversized bodies, bad content length and the like: say it is the request, not us.
      return {
        status: framework.statusCode,
        body: errorBody('SW_VALIDATION_FAILED', 'The request could not be processed.'),
      };
    }
  }
  return { status: 500, body: errorBody('SW_INTERNAL') };
}

function frameworkError(error: unknown): { code: string; statusCode: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' && typeof statusCode !== 'number') return undefined;
  return {
    code: typeof code === 'string' ? code : '',
    statusCode: typeof statusCode === 'number' ? statusCode : 500,
  };
}

/** Installs the one error handler and the 404/405 handler. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error, code: body.code }, 'request failed');
    else request.log.info({ code: body.code, status }, 'request rejected');
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler(notFoundOrMethodNotAllowed(app));
}
