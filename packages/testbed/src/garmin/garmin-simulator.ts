import { epochMs, systemClock } from '@syncwell/core';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { ProviderBaseUrls } from '@syncwell/core';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import { generateAthlete } from '../synthetic/synthetic-athlete.js';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { registerGarminApiRoutes } from './garmin-api-routes.js';
import { garminErrorBody } from './garmin-error-body.js';
import { garminFaultAdapter } from './garmin-faults.js';
import {
  GARMIN_AUTHORIZE_PATH,
  GARMIN_TOKEN_PATH,
  registerGarminOAuthRoutes,
} from './garmin-oauth-routes.js';
import { GarminRateLimiter, genericRateLimitHeaders } from './garmin-rate-limiter.js';
import { seedHealthDays, storeActivity } from './garmin-seed.js';
import { createGarminHandle, type GarminSimulator } from './garmin-simulator-handle.js';
import { GarminState } from './garmin-state.js';

export interface GarminSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly port?: number;
  readonly seed?: number;
  /** Default 2. */
  readonly users?: number;
  /** Workouts per user, on earlier days (default 3). */
  readonly workoutsPerUser?: number;
  /** Finished local days of health summaries per user (default 3). */
  readonly healthDays?: number;
  /** Unknown at Garmin [U]; defaults 86,400 s and 7,776,000 s (90 days). */
  readonly accessTokenLifetimeSeconds?: number;
  readonly refreshTokenLifetimeSeconds?: number;
  /** Requests per minute per app (default 100 [S/U]). */
  readonly rateLimitPerMinute?: number;
  /**
   * Garmin's rate-limit headers are unknown, so none are sent by default. `true` adds the
   * generic IETF `RateLimit-*` headers (not a Garmin fact) for suites that need a signal.
   */
  readonly genericRateLimitHeaders?: boolean;
  /** Default true: authorize refuses requests without a S256 `code_challenge`. */
  readonly requirePkce?: boolean;
  /** Backfill cap in days back from now (default 30; 30 days vs 5 years is unsettled [U]). */
  readonly backfillWindowDays?: number;
  /** How long after a 202 the backfill is delivered (default 20 ms). */
  readonly backfillDelayMs?: number;
  readonly now?: () => number;
}

/**
 * A local Garmin Connect Developer Program: connect.garmin.com's `oauth2Confirm`,
 * diauth.garmin.com's token endpoint and apis.garmin.com's wellness API on one origin, with
 * synthetic users, PUSH/PING delivery per summary type, backfill and the shared fault model.
 *
 * @example
 *   const garmin = await startGarminSimulator({ clientId: 'id', clientSecret: 'secret' });
 *   garmin.configureEndpoints('http://127.0.0.1:8080/hooks/garmin?key=k', 'PING');
 *   await garmin.close();
 */
export async function startGarminSimulator(opts: GarminSimulatorOptions): Promise<GarminSimulator> {
  const seed = opts.seed ?? 1;
  const nowMs = opts.now ?? (() => epochMs(systemClock));
  const random = new SeededRandom(deriveSeed(seed, 0x6a2));
  const limiter = new GarminRateLimiter(opts.rateLimitPerMinute ?? 100, nowMs);
  const userIds = Array.from({ length: opts.users ?? 2 }, () =>
    Array.from({ length: 32 }, () => '0123456789abcdef'.charAt(random.int(0, 15))).join(''),
  );
  const state = new GarminState(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      accessTokenLifetimeSeconds: opts.accessTokenLifetimeSeconds ?? 86_400,
      refreshTokenLifetimeSeconds: opts.refreshTokenLifetimeSeconds ?? 7_776_000,
      requirePkce: opts.requirePkce ?? true,
      backfillWindowDays: opts.backfillWindowDays ?? 30,
      backfillDelayMs: opts.backfillDelayMs ?? 20,
      nowMs,
    },
    limiter,
    userIds[0] ?? '',
  );
  userIds.forEach((userId, index) => {
    const synthetic = generateAthlete(deriveSeed(seed, 300 + index));
    state.users.set(userId, {
      userId,
      name: synthetic.name,
      synthetic,
      permissions: new Set(['ACTIVITY_EXPORT', 'HEALTH_EXPORT']),
      registered: false,
    });
    const workouts = generateWorkouts({
      seed: synthetic.seed,
      count: opts.workoutsPerUser ?? 3,
      provider: 'garmin',
      endBefore: new Date(nowMs()),
      athlete: synthetic,
    });
    for (const w of workouts)
      storeActivity(state, random, userId, w, Math.floor(Date.parse(w.endTime) / 1000) + 600);
    seedHealthDays(state, userId, opts.healthDays ?? 3);
  });

  const generic = opts.genericRateLimitHeaders ?? false;
  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
    reply.code(error.statusCode ?? 500).send(garminErrorBody(error.message)),
  );
  registerFaultHooks(app, state.faults, garminFaultAdapter(state, generic));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/wellness-api/') && !request.url.startsWith('/partner-gateway/')) return;
    const verdict = limiter.consume();
    if (generic) void reply.headers(genericRateLimitHeaders(verdict));
    if (!verdict.allowed) return reply.code(429).send(garminErrorBody('Rate limit exceeded'));
  });
  registerGarminOAuthRoutes(app, state);
  registerGarminApiRoutes(app, state);

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  state.apiUrl = url;
  const baseUrls: ProviderBaseUrls = {
    api: url,
    authorize: url + GARMIN_AUTHORIZE_PATH,
    token: url + GARMIN_TOKEN_PATH,
  };
  return createGarminHandle(state, random, baseUrls, async () => {
    for (const timer of state.timers) clearTimeout(timer);
    app.server.closeAllConnections();
    await app.close();
  });
}
