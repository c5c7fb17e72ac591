import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ProviderError, SyncWellError } from '@syncwell/core';
import { installErrorHandling, toErrorResponse } from './error-handler.js';

describe('error mapping', () => {
  it('turns unknown errors into a bare 500 SW_INTERNAL that leaks nothing', async () => {
    const app = Fastify({ logger: false });
    installErrorHandling(app);
    app.get('/boom', () => {
      throw new Error('SQLITE_ERROR near "SELECT token FROM connections" at /srv/app.ts:12');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'SW_INTERNAL', message: 'An unexpected error.', details: {} });
    await app.close();
  });

  it('answers 503 SW_NOT_READY when PostgreSQL or Redis is away, so clients retry', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const redisClosed = new Error('Connection is closed.');
    const wrapped = new Error('query failed', { cause: refused });
    for (const error of [refused, shutdown, redisClosed, wrapped]) {
      expect(toErrorResponse(error)).toEqual({
        status: 503,
        body: { code: 'SW_NOT_READY', message: 'A dependency is unavailable.', details: {} },
      });
    }
    expect(toErrorResponse(new Error('syntax error at or near SELECT')).status).toBe(500);
  });

  it('gives SyncWellErrors their catalogue status, code and details', () => {
    expect(
      toErrorResponse(new SyncWellError('SW_CONNECTION_NOT_READY', undefined, { connectionId: 'c1' })),
    ).toEqual({
      status: 409,
      body: {
        code: 'SW_CONNECTION_NOT_READY',
        message: 'The connection needs to be re-authorised.',
        details: { connectionId: 'c1' },
      },
    });
    expect(
      toErrorResponse(new ProviderError('SW_PROVIDER_UNAVAILABLE', 'upstream 503', { status: 503 })).status,
    ).toBe(503);
  });

  it('maps framework errors by kind', () => {
    expect(toErrorResponse({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }).body.code).toBe(
      'SW_MALFORMED_JSON',
    );
    expect(toErrorResponse({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).toMatchObject({
      status: 413,
      body: { code: 'SW_BODY_TOO_LARGE' },
    });
    expect(toErrorResponse({ code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 })).toMatchObject({
      status: 400,
      body: { code: 'SW_VALIDATION_FAILED' },
    });
    expect(toErrorResponse('a string').status).toBe(500);
  });
});
