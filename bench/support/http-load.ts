import autocannon from 'autocannon';
import type { Progress } from './progress.js';

export interface HttpLoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  readonly method?: 'GET' | 'POST';
  /** Varies each request (path, bearer token); called for every request. */
  readonly next?: () => { path: string; headers: Record<string, string> };
  readonly progress?: Progress;
}

export interface HttpLoadResult {
  /** Mean successful (2xx) requests per second over the run. */
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
}

/**
 * One autocannon run, the same way for the bare server and for SyncWell: same connection
 * count and duration, no pipelining (a browser or app does not pipeline).
 */
export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const next = options.next;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    method: options.method ?? 'GET',
    ...(next
      ? { requests: [{ method: options.method ?? 'GET', setupRequest: (req) => ({ ...req, ...next() }) }] }
      : {}),
  });
  let sent = 0;
  const started = Date.now();
  instance.on('tick', ({ counter }) => {
    sent += counter;
    const elapsed = (Date.now() - started) / 1_000;
    options.progress?.update(
      `${elapsed.toFixed(0)}/${options.durationS} s, ${Math.round(sent / elapsed)} req/s`,
    );
  });
  const result = await instance;
  return {
    reqPerSec: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
