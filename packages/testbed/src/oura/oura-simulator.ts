import { epochMs, systemClock } from '@syncwell/core';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import type { FaultControls } from '../faults/fault-controller.js';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import { bearerOf } from './oura-auth.js';
import { registerOuraCollectionRoutes } from './oura-collection-routes.js';
import { ouraErrorBody } from './oura-error-body.js';
import { ouraFaultAdapter } from './oura-faults.js';
import { OURA_AUTHORIZE_PATH, OURA_TOKEN_PATH, registerOuraOAuthRoutes } from './oura-oauth-routes.js';
import { OURA_RATE_LIMITS, OuraRateLimiter, type OuraRateLimits } from './oura-rate-limiter.js';
import { OuraState, type OuraCollection, type OuraWebhookDelivery } from './oura-state.js';
import { OuraWorld } from './oura-world.js';
import { registerOuraWebhookRoutes } from './oura-webhook-routes.js';

export interface OuraSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly port?: number;
  readonly seed?: number;
  /** Default 3. */
  readonly users?: number;
  /** Days of history per user (sleep, activity, SpO2, heart rate). Default 7. */
  readonly historyDays?: number;
  /** Default 3. */
  readonly workoutsPerUser?: number;
  /** Items per list page, for all or some collections. Oura does not document it; default 100 ([U]). */
  readonly pageSize?: number | Partial<Record<OuraCollection, number>>;
  /** Default 86 400 s ([S/U]). */
  readonly tokenLifetimeSeconds?: number;
  readonly rateLimits?: Partial<OuraRateLimits>;
  /** An approved app has no 10-user cap. Default false. */
  readonly approvedApp?: boolean;
  /** Webhook lifetime before renewal is needed; undocumented, default 90 days ([U]). */
  readonly subscriptionLifetimeMs?: number;
  /** Oura notifies ~30 s after the app syncs; default 0 so tests do not wait. */
  readonly notificationDelayMs?: number;
  readonly now?: () => number;
}

export interface OuraSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  readonly users: readonly { readonly id: string; readonly name: string }[];
  /** Whose consent page the "browser" sees. */
  loginAs(userId: string): void;
  /** Syncs a workout from the ring (a synthetic one ending just now when omitted); fires webhooks. */
  addWorkout(userId: string, workout?: Workout): Promise<string>;
  /** Syncs one more day (the next after the newest) of sleep, activity, SpO2 and heart rate. */
  addDay(userId: string): Promise<string>;
  documentsOf(
    userId: string,
    collection: 'workout' | 'daily_activity' | 'sleep' | 'daily_spo2' | 'heartrate',
  ): readonly Record<string, unknown>[];
  setMembershipExpired(userId: string, expired: boolean): void;
  /** Invalidates one access token at once (as if it expired). */
  expireAccessToken(token: string): void;
  /** Moves the simulator's clock forward (token expiry, rate windows, subscription expiry). */
  advanceClock(ms: number): void;
  readonly faults: FaultControls;
  readonly webhookDeliveries: readonly OuraWebhookDelivery[];
  close(): Promise<void>;
}

/**
 * A local Oura API v2: cloud.ouraring.com's consent page and api.ouraring.com's OAuth, data,
 * sandbox and webhook-subscription routes on one origin, with seeded synthetic users.
 *
 * @example
 *   const oura = await startOuraSimulator({ clientId: 'id', clientSecret: 'secret' });
 *   oura.loginAs(oura.users[0].id);
 *   // ... OAuth via oura.baseUrls.authorize, then GET oura.url + '/v2/usercollection/sleep'
 */
export async function startOuraSimulator(opts: OuraSimulatorOptions): Promise<OuraSimulator> {
  let offsetMs = 0;
  const baseNow = opts.now ?? (() => epochMs(systemClock));
  const nowMs = (): number => baseNow() + offsetMs;
  const limiter = new OuraRateLimiter({ ...OURA_RATE_LIMITS, ...opts.rateLimits }, nowMs);
  const world = new OuraWorld(opts.seed ?? 1, nowMs);
  const users = world.seedUsers(opts.users ?? 3, opts.historyDays ?? 7, opts.workoutsPerUser ?? 3);
  const state = new OuraState(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? 86_400,
      subscriptionLifetimeMs: opts.subscriptionLifetimeMs ?? 90 * 86_400_000,
      pageSize: (collection) =>
        typeof opts.pageSize === 'number' ? opts.pageSize : (opts.pageSize?.[collection] ?? 100),
      userCap: opts.approvedApp === true ? Infinity : 10,
      nowMs,
    },
    limiter,
    users[0]?.id ?? '',
  );
  for (const user of users) state.users.set(user.id, user);

  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    return reply.code(status).send(ouraErrorBody(status >= 500 ? 'Internal Server Error' : error.message));
  });
  registerFaultHooks(app, state.faults, ouraFaultAdapter(state));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v2/usercollection') && !request.url.startsWith('/v2/sandbox/')) return;
    const verdict = limiter.consume(bearerOf(request));
    if (!verdict.allowed)
      return reply.code(429).headers(verdict.headers).send(ouraErrorBody('Too Many Requests'));
  });
  registerOuraOAuthRoutes(app, state);
  registerOuraCollectionRoutes(app, state, world.sandboxUser());
  registerOuraWebhookRoutes(app, state);

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const userOf = (id: string) => {
    const user = state.users.get(id);
    if (user === undefined) throw new RangeError(`no Oura user ${id}`);
    return user;
  };
  const notify = (userId: string, dataType: string, objectId: string) =>
    world.deliver(state, { userId, dataType, eventType: 'create', objectId }, opts.notificationDelayMs ?? 0);

  return {
    url,
    baseUrls: { api: url, authorize: url + OURA_AUTHORIZE_PATH, token: url + OURA_TOKEN_PATH },
    users: users.map((u) => ({ id: u.id, name: u.synthetic.name })),
    loginAs(userId) {
      userOf(userId);
      state.loggedIn = userId;
    },
    async addWorkout(userId, workout) {
      const id = world.addWorkout(userOf(userId), workout);
      await notify(userId, 'workout', id);
      return id;
    },
    async addDay(userId) {
      const docs = world.addDay(userOf(userId));
      await notify(userId, 'sleep', docs.sleep);
      await notify(userId, 'daily_activity', docs.dailyActivity);
      await notify(userId, 'daily_spo2', docs.dailySpo2);
      return docs.day;
    },
    documentsOf: (userId, collection) => userOf(userId).docs[collection],
    setMembershipExpired(userId, expired) {
      userOf(userId).membershipExpired = expired;
    },
    expireAccessToken(token) {
      state.accessTokens.delete(token);
    },
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      offsetMs += ms;
    },
    faults: state.faults,
    webhookDeliveries: state.deliveries,
    close: () => {
      app.server.closeAllConnections();
      return app.close();
    },
  };
}
