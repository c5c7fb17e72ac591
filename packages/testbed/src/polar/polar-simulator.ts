import { epochMs, systemClock } from '@syncwell/core';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import { generateAthlete } from '../synthetic/synthetic-athlete.js';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import type { FaultControls } from '../faults/fault-controller.js';
import { polarErrorBody } from './polar-error-body.js';
import { polarFaultAdapter } from './polar-faults.js';
import type { StoredExercise } from './polar-exercise-json.js';
import { registerPolarExerciseRoutes } from './polar-exercise-routes.js';
import { POLAR_AUTHORIZE_PATH, POLAR_TOKEN_PATH, registerPolarOAuthRoutes } from './polar-oauth-routes.js';
import { POLAR_QUOTA, PolarRateLimiter } from './polar-rate-limiter.js';
import type { PolarQuota } from './polar-rate-limiter.js';
import { PolarState } from './polar-state.js';
import type { WebhookDelivery } from './polar-state.js';
import { registerPolarTransactionRoutes } from './polar-transaction-routes.js';
import { registerPolarUserRoutes } from './polar-user-routes.js';
import { deliverExerciseEvent } from './polar-webhook-delivery.js';
import { registerPolarWebhookRoutes } from './polar-webhook-routes.js';

export interface PolarSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  readonly seed?: number;
  /** Default 3. */
  readonly athletes?: number;
  /** Default 5. */
  readonly workoutsPerAthlete?: number;
  /** Override the quota (tests use small bases); the per-user increments stay Polar's unless given. */
  readonly quota?: Partial<PolarQuota>;
  readonly tokenLifetimeSeconds?: number;
  /** Clock for windows and timestamps; default the system clock. */
  readonly now?: () => number;
  /**
   * The `signature_secret_key` a created webhook gets. Polar generates it and shows it once, in
   * the creation answer; pinning it lets a launcher configure SyncWell before SyncWell is up to
   * answer the creation PING. Random when unset.
   */
  readonly webhookSecret?: string;
}

export interface PolarSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  readonly athletes: readonly { readonly id: number; readonly name: string }[];
  /** Whose consent page the "browser" sees. */
  loginAs(athleteId: number): void;
  /** Uploads an exercise (a synthetic one when omitted), fires the webhook, returns its id. */
  addExercise(athleteId: number, workout?: Workout): Promise<string>;
  exercisesOf(athleteId: number): readonly StoredExercise[];
  /** The next `count` API calls answer `status` with Polar's error body (0 stops failing). */
  failNext(count: number, status: number): void;
  /** The shared fault model: `faults.set(plan)` / `faults.clear()` (see `FaultPlan`). */
  readonly faults: FaultControls;
  setConsents(athleteId: number, accepted: boolean): void;
  isRegistered(athleteId: number): boolean;
  readonly webhookDeliveries: readonly WebhookDelivery[];
  close(): Promise<void>;
}

const DEVICES = ['Polar Vantage V3', 'Polar Grit X2 Pro', 'Polar Pacer Pro', 'Polar Ignite 3'] as const;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A local Polar AccessLink v3: flow.polar.com's consent page, polarremote.com's token endpoint
 * and www.polaraccesslink.com's /v3 API on one origin, with synthetic athletes and exercises.
 *
 * @example
 *   const polar = await startPolarSimulator({ clientId: 'id', clientSecret: 'secret' });
 *   polar.loginAs(polar.athletes[0].id);
 *   // ... OAuth via polar.baseUrls.authorize, then GET polar.url + '/v3/exercises'
 *   await polar.close();
 */
export async function startPolarSimulator(opts: PolarSimulatorOptions): Promise<PolarSimulator> {
  const seed = opts.seed ?? 1;
  const nowMs = opts.now ?? (() => epochMs(systemClock));
  const random = new SeededRandom(deriveSeed(seed, 0x501a));
  const limiter = new PolarRateLimiter({ ...POLAR_QUOTA, ...opts.quota }, nowMs);
  const athleteIds = Array.from(
    { length: opts.athletes ?? 3 },
    (_, i) => 41_000_000 + random.int(1, 999) * 1000 + i,
  );
  const state = new PolarState(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? 315_359_999,
      nowMs,
      ...(opts.webhookSecret === undefined ? {} : { webhookSecret: opts.webhookSecret }),
    },
    limiter,
    athleteIds[0] ?? 0,
  );

  const store = (athleteId: number, workout: Workout, uploadTime: string): StoredExercise => {
    let id = '';
    while (id === '' || state.exercises.has(id))
      id = Array.from({ length: 8 }, () => ID_ALPHABET.charAt(random.int(0, ID_ALPHABET.length - 1))).join(
        '',
      );
    const device = random.pick(DEVICES);
    const exercise: StoredExercise = {
      id,
      athleteId,
      device,
      uploadTime,
      workout: {
        ...workout,
        provenance: { provider: 'polar', externalId: id, device: { manufacturer: 'Polar', model: device } },
      },
    };
    state.exercises.set(id, exercise);
    return exercise;
  };

  athleteIds.forEach((athleteId, index) => {
    const synthetic = generateAthlete(deriveSeed(seed, 100 + index));
    state.athletes.set(athleteId, { id: athleteId, name: synthetic.name, synthetic, consentsAccepted: true });
    const workouts = generateWorkouts({
      seed: synthetic.seed,
      count: opts.workoutsPerAthlete ?? 5,
      provider: 'polar',
      endBefore: new Date(nowMs()),
      athlete: synthetic,
    });
    // Seeded history predates registration, so it is not announced as new.
    for (const w of workouts)
      store(athleteId, w, new Date(Date.parse(w.endTime) + 10 * 60_000).toISOString());
  });

  const app = Fastify({ logger: false });
  await app.register(formbody);
  // Clients send DELETE/POST with a JSON content type and no body; Polar accepts that, while
  // Fastify's default parser would refuse it. Malformed JSON still gets Polar's 400 body.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Malformed JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    return reply
      .code(status)
      .send(polarErrorBody(status, status === 400 ? 'bad_request' : 'internal_error', error.message));
  });
  // Faults first: a failing edge answers before Polar's quota is counted.
  registerFaultHooks(app, state.faults, polarFaultAdapter(state));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v3/')) return;
    const verdict = limiter.consume(state.registrations.size);
    void reply.headers(verdict.headers);
    if (!verdict.allowed) {
      void reply.header('Retry-After', String(verdict.retryAfterSeconds));
      return reply.code(429).send(polarErrorBody(429, 'too_many_requests', 'Rate limit exceeded'));
    }
  });
  registerPolarOAuthRoutes(app, state);
  registerPolarUserRoutes(app, state);
  registerPolarExerciseRoutes(app, state);
  registerPolarTransactionRoutes(app, state);
  registerPolarWebhookRoutes(app, state);

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  state.apiUrl = url;
  let extraSeed = 0;

  return {
    url,
    baseUrls: { api: url, authorize: url + POLAR_AUTHORIZE_PATH, token: url + POLAR_TOKEN_PATH },
    athletes: [...state.athletes.values()].map((a) => ({ id: a.id, name: a.name })),
    loginAs(athleteId) {
      if (!state.athletes.has(athleteId)) throw new RangeError(`no athlete ${athleteId}`);
      state.loggedIn = athleteId;
    },
    async addExercise(athleteId, workout) {
      const athlete = state.athletes.get(athleteId);
      if (athlete === undefined) throw new RangeError(`no athlete ${athleteId}`);
      const chosen =
        workout ??
        generateWorkouts({
          seed: deriveSeed(athlete.synthetic.seed, 7000 + extraSeed++),
          count: 1,
          provider: 'polar',
          endBefore: new Date(nowMs()),
          athlete: athlete.synthetic,
        })[0];
      if (chosen === undefined) throw new Error('workout generation produced nothing');
      const exercise = store(athleteId, chosen, new Date(nowMs()).toISOString());
      state.unseenExercises.add(exercise.id);
      await deliverExerciseEvent(state, exercise);
      return exercise.id;
    },
    exercisesOf: (athleteId) => state.exercisesOf(athleteId),
    failNext(count, status) {
      state.faults.failNext(count, status, { targets: ['api'] });
    },
    faults: state.faults,
    setConsents(athleteId, accepted) {
      const athlete = state.athletes.get(athleteId);
      if (athlete !== undefined) athlete.consentsAccepted = accepted;
    },
    isRegistered: (athleteId) => state.registrations.has(athleteId),
    webhookDeliveries: state.deliveries,
    close: () => {
      // A request a client abandoned under the timeout fault can keep its socket; drop them all.
      app.server.closeAllConnections();
      return app.close();
    },
  };
}
