import { epochMs, systemClock } from '@syncwell/core';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import type { FaultControls } from '../faults/fault-controller.js';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import { generateAthlete } from '../synthetic/synthetic-athlete.js';
import { API_PREFIX, registerWhoopCollectionRoutes } from './whoop-collection-routes.js';
import { defaultWhoopErrorBody, type WhoopErrorBodyFn } from './whoop-error-body.js';
import { registerWhoopEnvelopeCorruption, whoopFaultAdapter } from './whoop-faults.js';
import { registerWhoopOAuthRoutes, WHOOP_AUTHORIZE_PATH, WHOOP_TOKEN_PATH } from './whoop-oauth-routes.js';
import { WHOOP_QUOTA, WhoopRateLimiter, type WhoopQuota } from './whoop-rate-limiter.js';
import { registerWhoopRecordRoutes } from './whoop-record-routes.js';
import { WhoopState, type WebhookDeliveryLog, type WhoopKind } from './whoop-state.js';
import { deliverWhoopEvent } from './whoop-webhook-delivery.js';
import { seedNights, storeWorkout, syntheticWorkouts } from './whoop-world.js';

export interface WhoopSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly port?: number;
  readonly seed?: number;
  /** Default 2. */
  readonly users?: number;
  /** Nights of sleep, cycles and recoveries per user; default 7. */
  readonly days?: number;
  /** Default 3. */
  readonly workoutsPerUser?: number;
  readonly quota?: Partial<WhoopQuota>;
  /** Default true: a refresh kills the refresh token it used. */
  readonly rotateRefreshTokens?: boolean;
  readonly webhookRetries?: number;
  /** WHOOP's API error body is undocumented; replace the generic default here. */
  readonly errorBody?: WhoopErrorBodyFn;
  readonly now?: () => number;
}

export interface WhoopSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  readonly users: readonly { readonly id: number; readonly name: string }[];
  loginAs(userId: number): void;
  /** The Developer Dashboard's webhook URL (v2 payloads); undefined turns webhooks off. */
  setWebhookUrl(url: string | undefined): void;
  /** Adds a scored workout (synthetic when omitted), sends `workout.updated`, returns its UUID. */
  addWorkout(userId: number, workout?: Workout): Promise<string>;
  /** Sets a record's `score_state` (PENDING_SCORE drops its score) and sends `<kind>.updated`. */
  setScoreState(
    kind: WhoopKind,
    key: string,
    scoreState: 'SCORED' | 'PENDING_SCORE' | 'UNSCORABLE',
  ): Promise<void>;
  /** Raw v2 JSON of a user's records of one kind, newest first. */
  recordsOf(userId: number, kind: WhoopKind): readonly Record<string, unknown>[];
  expireAccessToken(token: string): void;
  advanceClock(ms: number): void;
  readonly faults: FaultControls;
  readonly webhookDeliveries: readonly WebhookDeliveryLog[];
  close(): Promise<void>;
}

const EVENT_KIND: Readonly<Record<WhoopKind, string>> = {
  workout: 'workout',
  sleep: 'sleep',
  recovery: 'recovery',
  cycle: 'recovery',
};

/**
 * A local WHOOP API v2: the OAuth pages (`/oauth/oauth2/...`) and the API (`/developer/v2/...`)
 * on one origin, seeded synthetic users with nights (sleep, cycle, recovery) and workouts.
 *
 * @example
 *   const whoop = await startWhoopSimulator({ clientId: 'id', clientSecret: 'secret' });
 *   // OAuth via whoop.baseUrls.authorize, then GET whoop.baseUrls.api + '/v2/activity/sleep'
 *   await whoop.close();
 */
export async function startWhoopSimulator(opts: WhoopSimulatorOptions): Promise<WhoopSimulator> {
  const seed = opts.seed ?? 1;
  let clockOffsetMs = 0;
  const baseNow = opts.now ?? (() => epochMs(systemClock));
  const nowMs = (): number => baseNow() + clockOffsetMs;
  const random = new SeededRandom(deriveSeed(seed, 0x3400));
  const errorBody = opts.errorBody ?? defaultWhoopErrorBody;
  const limiter = new WhoopRateLimiter({ ...WHOOP_QUOTA, ...opts.quota }, nowMs);
  const userIds = Array.from({ length: opts.users ?? 2 }, (_, i) => 10_000 + random.int(1, 899) * 10 + i);
  const state = new WhoopState(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      rotateRefreshTokens: opts.rotateRefreshTokens ?? true,
      accessTokenLifetimeSeconds: 3600,
      webhookRetries: opts.webhookRetries ?? 0,
      nowMs,
    },
    limiter,
    userIds[0] ?? 0,
  );
  userIds.forEach((id, index) => {
    const synthetic = generateAthlete(deriveSeed(seed, 200 + index));
    const user = { id, synthetic, email: `${synthetic.firstName.toLowerCase()}.${id}@example.com` };
    state.users.set(id, user);
    seedNights(state, user, opts.days ?? 7, nowMs(), random);
    for (const w of syntheticWorkouts(user, opts.workoutsPerUser ?? 3, 1, new Date(nowMs())))
      storeWorkout(state, user, w, random);
  });

  const app = Fastify({ logger: false });
  await app.register(formbody);
  registerFaultHooks(app, state.faults, whoopFaultAdapter(state, errorBody));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${API_PREFIX}/`)) return;
    const verdict = limiter.consume();
    void reply.headers(verdict.headers);
    if (!verdict.allowed) return reply.code(429).send(errorBody(429, 'Too Many Requests'));
  });
  registerWhoopEnvelopeCorruption(app, state);
  registerWhoopOAuthRoutes(app, state);
  registerWhoopCollectionRoutes(app, state, errorBody);
  registerWhoopRecordRoutes(app, state, errorBody);

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  let extraSeed = 100;
  const heldScores = new Map<string, unknown>();
  const userOf = (userId: number) => {
    const user = state.users.get(userId);
    if (user === undefined) throw new RangeError(`no user ${userId}`);
    return user;
  };

  return {
    url,
    baseUrls: { api: url + API_PREFIX, authorize: url + WHOOP_AUTHORIZE_PATH, token: url + WHOOP_TOKEN_PATH },
    users: [...state.users.values()].map((u) => ({ id: u.id, name: u.synthetic.name })),
    loginAs(userId) {
      state.loggedIn = userOf(userId).id;
    },
    setWebhookUrl(webhookUrl) {
      state.webhookUrl = webhookUrl;
    },
    async addWorkout(userId, workout) {
      const user = userOf(userId);
      const chosen = workout ?? syntheticWorkouts(user, 1, extraSeed++, new Date(nowMs()))[0];
      if (chosen === undefined) throw new Error('workout generation produced nothing');
      const id = storeWorkout(state, user, chosen, random);
      await deliverWhoopEvent(state, userId, id, 'workout.updated');
      return id;
    },
    async setScoreState(kind, key, scoreState) {
      const record = state.get(kind, key);
      if (record === undefined) throw new RangeError(`no ${kind} ${key}`);
      const id = WhoopState.recordId(kind, key);
      const { score, ...rest } = record.json;
      // A pending record has no score; keep it aside so SCORED can bring it back.
      if (score !== undefined) heldScores.set(id, score);
      const restored = heldScores.get(id);
      record.json = {
        ...rest,
        score_state: scoreState,
        ...(scoreState === 'SCORED' && restored !== undefined ? { score: restored } : {}),
      };
      await deliverWhoopEvent(state, record.userId, key, `${EVENT_KIND[kind]}.updated`);
    },
    recordsOf: (userId, kind) =>
      [...state.records.values()]
        .filter((r) => r.userId === userId && r.kind === kind)
        .sort((a, b) => b.startMs - a.startMs)
        .map((r) => r.json),
    expireAccessToken(token) {
      state.accessTokens.delete(token);
    },
    advanceClock(ms) {
      clockOffsetMs += ms;
    },
    faults: state.faults,
    webhookDeliveries: state.deliveries,
    close: () => {
      app.server.closeAllConnections();
      return app.close();
    },
  };
}
