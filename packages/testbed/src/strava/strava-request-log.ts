import type { FastifyInstance } from 'fastify';
import { requestFields } from './request-fields.js';

export interface StravaRequestLogEntry {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly status: number;
  /** For token-endpoint calls: `authorization_code` or `refresh_token`. */
  readonly grantType?: string;
}

export interface StravaRequestFilter {
  readonly method?: string;
  readonly path?: string | RegExp;
  readonly status?: number;
  readonly grantType?: string;
}

/** Every request the simulator answered, so tests can assert e.g. how many refreshes happened. */
export class StravaRequestLog {
  readonly entries: StravaRequestLogEntry[] = [];

  count(filter: StravaRequestFilter = {}): number {
    return this.entries.filter(
      (e) =>
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.path === undefined ||
          (typeof filter.path === 'string' ? e.path === filter.path : filter.path.test(e.path))) &&
        (filter.status === undefined || e.status === filter.status) &&
        (filter.grantType === undefined || e.grantType === filter.grantType),
    ).length;
  }

  clear(): void {
    this.entries.length = 0;
  }

  register(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      const grantType = path.endsWith('/oauth/token') ? requestFields(request).grant_type : undefined;
      this.entries.push({
        method: request.method,
        path,
        status: reply.statusCode,
        ...(grantType === undefined ? {} : { grantType }),
      });
    });
  }
}
