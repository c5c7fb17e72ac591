import type { FastifyInstance, FastifyRequest } from 'fastify';
import { faults } from './strava-fault.js';
import type { StravaRequestBucket } from './strava-rate-limiter.js';
import type { ResolvedToken, StravaScope } from './strava-token-store.js';
import type { StravaWorld } from './strava-world.js';

const API_PREFIX = '/api/v3/';

/** Uploads and manual activities are Strava's only "upload" requests; all else is "non-upload". */
function bucketOf(method: string, path: string): StravaRequestBucket {
  return method === 'POST' && (path === '/api/v3/uploads' || path === '/api/v3/activities')
    ? 'upload'
    : 'read';
}

function tokenOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] !== undefined) return match[1];
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === 'string' ? query.access_token : undefined;
}

/**
 * What happens before any `/api/v3` handler (after the shared fault hooks): the bearer token,
 * then the app's rate limits. Push-subscription calls authenticate with client credentials instead.
 */
export class StravaApiGuard {
  readonly #authenticated = new WeakMap<FastifyRequest, ResolvedToken>();

  constructor(private readonly world: StravaWorld) {}

  /** The caller's athlete and scopes; only valid inside athlete-authenticated routes. */
  athleteOf(request: FastifyRequest): ResolvedToken {
    const resolved = this.#authenticated.get(request);
    if (resolved === undefined) throw new Error(`no athlete token was checked for ${request.url}`);
    return resolved;
  }

  static hasScope(token: ResolvedToken, ...anyOf: StravaScope[]): boolean {
    return anyOf.some((scope) => token.scopes.includes(scope));
  }

  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      if (!path.startsWith(API_PREFIX) || path === '/api/v3/oauth/token') return undefined;
      const limiter = this.world.rateLimiter;
      if (!path.startsWith('/api/v3/push_subscriptions')) {
        const token = tokenOf(request);
        const resolved = token === undefined ? null : this.world.tokens.resolveAccessToken(token);
        if (resolved === null)
          return reply.code(401).headers(limiter.headers()).send(faults.invalidAccessToken());
        this.#authenticated.set(request, resolved);
      }
      const decision = limiter.consume(bucketOf(request.method, path));
      reply.headers(decision.headers);
      if (!decision.allowed) return reply.code(429).send(faults.rateLimitExceeded());
      return undefined;
    });
  }
}
