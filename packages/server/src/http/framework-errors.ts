import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '@syncwell/core';
import { errorBody } from './api-error-body.js';

/** Methods a route of ours may answer; the 405 `Allow` header lists those the path has. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Errors Fastify raises before a request reaches a route (a path parameter over the router's
 * limit, an undecodable URL): by default it writes its own body, which echoes the path back.
 * Here they take the catalogue's shape and say nothing about the input.
 */
export function frameworkErrors(
  error: { readonly code: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const code: ErrorCode = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'SW_URI_TOO_LONG' : 'SW_BAD_REQUEST';
  request.log.info({ code, status: ERROR_CODES[code].http }, 'request rejected');
  void reply.status(ERROR_CODES[code].http).type('application/json; charset=utf-8').send(errorBody(code));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers over `maxHeaderSize`,
 * a request that never finished, bytes that are not HTTP). Written straight to the socket, in
 * the catalogue's shape.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'SW_HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'SW_REQUEST_TIMEOUT'
        : 'SW_BAD_REQUEST';
  const status = ERROR_CODES[code].http;
  const body = JSON.stringify(errorBody(code));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * The methods another route answers on this exact path. A match made only by a wildcard (the
 * web app's `/*` shell) does not count: that route serves pages, not this resource.
 */
export function allowedMethods(app: FastifyInstance, request: FastifyRequest): string[] {
  const url = request.url.split('?')[0] ?? '';
  return METHODS.filter((method) => {
    if (method === request.method) return false;
    // Typed as always found; it answers null for a path no route of this method matches.
    const found = app.findRoute({ method, url }) as { params: object } | null;
    return found !== null && !Object.hasOwn(found.params, '*');
  });
}

/** 404 for a path nothing answers; 405 with `Allow` for a path that answers other methods. */
export function notFoundOrMethodNotAllowed(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const allow = allowedMethods(app, request);
    if (allow.length === 0) return reply.status(404).send(errorBody('SW_NOT_FOUND'));
    return reply.status(405).header('allow', allow.join(', ')).send(errorBody('SW_METHOD_NOT_ALLOWED'));
  };
}
