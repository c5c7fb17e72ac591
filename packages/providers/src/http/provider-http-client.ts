import { systemClock } from '@syncwell/core';
import { ProviderError, providerErrorForStatus } from '@syncwell/core';
import type { HttpCall, HttpReply, ProviderHttpOptions } from './http-types.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The one place a provider request leaves the process: per-request timeout, status → typed
 * error, rate-limit headers reported to `config.onRateLimitHeaders`. Errors name the method and
 * path only; query strings, headers and bodies (tokens, health values) never reach them.
 *
 * @example
 *   const http = new ProviderHttpClient({ provider: 'strava', config });
 *   const reply = await http.send({ method: 'GET', url, headers: bearer(token) });
 */
export class ProviderHttpClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: ProviderHttpOptions) {
    this.fetchImpl = options.config.fetch ?? globalThis.fetch;
    this.timeoutMs = options.config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? systemClock.now;
  }

  async send(call: HttpCall): Promise<HttpReply> {
    const url = new URL(call.url);
    const where = `${call.method} ${url.pathname}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let reply: HttpReply;
    try {
      const response = await this.fetchImpl(url, {
        method: call.method,
        headers: { accept: 'application/json', ...call.headers },
        ...(call.body === undefined ? {} : { body: call.body }),
        signal,
        redirect: 'follow',
      });
      const body = new Uint8Array(await response.arrayBuffer());
      reply = { status: response.status, headers: response.headers, body };
    } catch (cause) {
      throw this.transportError(where, cause, signal);
    }
    this.reportRateLimits(reply.headers);
    if ((reply.status >= 200 && reply.status < 300) || call.allowStatuses?.includes(reply.status) === true) {
      return reply;
    }
    throw this.statusError(where, reply);
  }

  private transportError(where: string, cause: unknown, signal: AbortSignal): ProviderError {
    const timedOut = signal.aborted || (cause instanceof Error && cause.name === 'TimeoutError');
    if (timedOut) {
      return new ProviderError('SW_PROVIDER_TIMEOUT', `${where}: no answer within ${this.timeoutMs} ms`, {
        cause,
        details: this.who(),
      });
    }
    return new ProviderError('SW_PROVIDER_UNAVAILABLE', `${where}: request failed before a response`, {
      cause,
      details: this.who(),
    });
  }

  private statusError(where: string, reply: HttpReply): ProviderError {
    const message = `${where} answered ${reply.status}`;
    if (reply.status !== 429) return providerErrorForStatus(reply.status, message, { details: this.who() });
    const retryAfterMs = this.options.retryAfterMs?.(reply.headers, this.now());
    return providerErrorForStatus(429, message, {
      details: this.who(),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  /** Which provider answered: a run has two sides, and the troubleshooter must name the right one. */
  private who(): { provider: string } {
    return { provider: this.options.provider };
  }

  private reportRateLimits(headers: Headers): void {
    const sink = this.options.config.onRateLimitHeaders;
    const read = this.options.readRateLimits;
    if (sink === undefined || read === undefined) return;
    for (const snapshot of read(headers, this.now())) {
      try {
        sink(snapshot);
      } catch {
        // A broken metrics sink must not fail a data request.
      }
    }
  }
}
