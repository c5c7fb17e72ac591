import type { FastifyError, FastifyInstance } from 'fastify';
import { fault, faults } from './strava-fault.js';

/**
 * Keeps framework errors in Strava's Fault shape: a client under test should never see a
 * Fastify-style `{statusCode, code, error}` body that the real API would not send.
 */
export function registerStravaErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send(faults.notFound('Resource')));
  app.setErrorHandler<FastifyError>(async (error, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) return reply.code(status).send(faults.injected(status));
    const field = error.code === 'FST_REQ_FILE_TOO_LARGE' ? 'file' : 'body';
    return reply.code(status).send(fault('Bad Request', 'Request', field, 'invalid'));
  });
}
