import type { FastifyInstance } from 'fastify';
import { legacyGoneBody } from '../faults/gone-body.js';

/**
 * The legacy Fitbit Web API after its turndown on 2026-11-02: every endpoint, OAuth included
 * (`api.fitbit.com/1|1.1|1.2/...`, `/oauth2/*`, `www.fitbit.com/oauth2/authorize`), answers
 * 410 Gone with Fitbit's `errors[]` envelope. The reference gives no exact 410 body; the shared
 * `legacyGoneBody` is Fitbit's documented error shape [U for the text].
 */
export const FITBIT_LEGACY_PREFIXES = ['/1/', '/1.1/', '/1.2/', '/oauth2/'] as const;

export function isFitbitLegacyPath(path: string): boolean {
  return FITBIT_LEGACY_PREFIXES.some((prefix) => path.startsWith(prefix));
}

export function registerFitbitLegacyRoutes(app: FastifyInstance): void {
  for (const prefix of FITBIT_LEGACY_PREFIXES) {
    app.all(`${prefix}*`, async (_request, reply) =>
      reply.code(410).type('application/json').send(legacyGoneBody()),
    );
  }
}
