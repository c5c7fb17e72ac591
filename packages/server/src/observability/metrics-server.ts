import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerMatches } from './http-observability.js';
import { renderMetrics, type SyncWellMetrics } from './sync-metrics.js';

export interface MetricsServer {
  /** `http://host:port`, the port chosen by the OS when 0 was asked. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own port, for roles that serve no HTTP API (worker, scheduler, insights).
 * Anything else is 404; with `token` set, `/metrics` wants `Authorization: Bearer <token>`.
 *
 * @example
 *   const server = await startMetricsServer({ metrics, host: '0.0.0.0', port: 9464, token: undefined });
 */
export async function startMetricsServer(options: {
  metrics: SyncWellMetrics;
  host: string;
  port: number;
  token: string | undefined;
}): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('unauthorized\n');
      return;
    }
    renderMetrics(options.metrics).then(
      (body) => response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
