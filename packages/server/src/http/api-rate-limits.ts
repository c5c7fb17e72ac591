import { orWhenUnavailable } from '../coordination/when-unavailable.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../auth/rate-limited-error.js';
import type { RateLimiter, TokenBucketSpec } from '../coordination/port.js';

/** Which budget a request draws from. `exempt`: probes, docs and the web app's static files. */
export type RouteClass = 'auth' | 'read' | 'write' | 'sync' | 'webhook' | 'exempt';

/** A token bucket: `burst` requests at once, refilled at `perMinute`. */
export interface BucketPolicy {
  readonly burst: number;
  readonly perMinute: number;
}

export interface ApiRateLimitPolicy {
  readonly perClient: Readonly<Record<Exclude<RouteClass, 'exempt'>, BucketPolicy>>;
  /** Webhooks and sign-up/log-in have no user yet: only the client budget applies to them. */
  readonly perUser: Readonly<Record<'read' | 'write' | 'sync', BucketPolicy>>;
}

/**
 * Budgets per client address and per user. Generous for people and the web app (which polls runs
 * and notifications), tight where a request is expensive or guessable: auth (password hashing,
 * sign-up spam) and manual syncs (each one queues provider calls against the app-wide budget).
 * Webhooks come from a few provider addresses in bursts, so theirs is the largest.
 */
export const DEFAULT_API_RATE_LIMITS: ApiRateLimitPolicy = {
  perClient: {
    auth: { burst: 30, perMinute: 30 },
    read: { burst: 600, perMinute: 1_200 },
    write: { burst: 240, perMinute: 600 },
    sync: { burst: 60, perMinute: 60 },
    webhook: { burst: 3_000, perMinute: 6_000 },
  },
  perUser: {
    read: { burst: 300, perMinute: 600 },
    write: { burst: 120, perMinute: 240 },
    // A person may press "Sync now" on each of their rules in a row; a live run is joined, not repeated.
    sync: { burst: 30, perMinute: 30 },
  },
};

const AUTH_ROUTES = new Set([
  'POST /v1/users',
  'POST /v1/sessions',
  'POST /v1/sessions/refresh',
  'DELETE /v1/sessions',
  'POST /v1/sessions/cookie',
  'POST /v1/sessions/cookie/refresh',
  'DELETE /v1/sessions/cookie',
  'POST /v1/users/me/password',
]);
const SYNC_ROUTE = /^\/v1\/rules\/:[^/]+\/(sync|backfill)$/;

/** Classifies by the matched route (never the raw URL, so ids and query strings do not matter). */
export function classifyRoute(method: string, routeUrl: string | undefined): RouteClass {
  if (routeUrl === undefined || !routeUrl.startsWith('/v1/')) return 'exempt';
  if (routeUrl.startsWith('/v1/webhooks/')) return 'webhook';
  if (AUTH_ROUTES.has(`${method} ${routeUrl}`)) return 'auth';
  if (method === 'POST' && SYNC_ROUTE.test(routeUrl)) return 'sync';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

function bucket(key: string, policy: BucketPolicy): TokenBucketSpec {
  return { key, capacity: policy.burst, refillPerSecond: policy.perMinute / 60 };
}

/**
 * API-wide rate limits on the coordination port's token buckets (Redis in production, so all
 * api processes share one budget per client and per user). The client check runs first for
 * every request, before authentication; the user check runs inside the bearer hook, once the
 * user is known. A refusal is 429 SW_RATE_LIMITED with `Retry-After`.
 *
 * The client is the socket's address: behind a proxy every request shares the proxy's budget
 * unless Fastify's `trustProxy` is configured for it.
 */
export class ApiRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly policy: ApiRateLimitPolicy,
    /** Tests pin it; otherwise the adapter's own clock decides (Redis: the server's). */
    private readonly now?: () => Date,
  ) {}

  async limitClient(request: FastifyRequest): Promise<void> {
    const routeClass = classifyRoute(request.method, request.routeOptions.url);
    if (routeClass === 'exempt') return;
    await this.take(bucket(`api:client:${routeClass}:${request.ip}`, this.policy.perClient[routeClass]));
  }

  async limitUser(request: FastifyRequest, userId: string): Promise<void> {
    const routeClass = classifyRoute(request.method, request.routeOptions.url);
    if (routeClass !== 'read' && routeClass !== 'write' && routeClass !== 'sync') return;
    await this.take(bucket(`api:user:${routeClass}:${userId}`, this.policy.perUser[routeClass]));
  }

  private async take(spec: TokenBucketSpec): Promise<void> {
    // Budgets protect the service, not the data: while Redis is down the request goes through.
    const verdict = await orWhenUnavailable(
      this.limiter.take({
        buckets: [spec],
        ...(this.now === undefined ? {} : { now: this.now().getTime() }),
      }),
      { allowed: true as const },
    );
    if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterMs);
  }
}

/**
 * Installs the per-client check on every request and the `Retry-After` header on every
 * SW_RATE_LIMITED answer, wherever it was raised (login throttling included).
 */
export function installApiRateLimits(app: FastifyInstance, limits: ApiRateLimits | null): void {
  if (limits !== null) {
    app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
      await limits.limitClient(request);
    });
  }
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof RateLimitedError) void reply.header('retry-after', String(error.retryAfterSeconds));
  });
}
