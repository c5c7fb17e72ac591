import { epochMs, systemClock } from '@syncwell/core';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import type { FaultControls } from '../faults/fault-controller.js';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import { generateAthlete } from '../synthetic/synthetic-athlete.js';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { registerFitbitLegacyRoutes } from './fitbit-legacy-routes.js';
import { registerGoogleDataRoutes } from './gh-data-routes.js';
import { QUOTA_MESSAGE, sendGoogleError } from './gh-error-body.js';
import { googleHealthFaultAdapter } from './gh-faults.js';
import { GOOGLE_AUTHORIZE_PATH, GOOGLE_TOKEN_PATH, registerGoogleOAuthRoutes } from './gh-oauth-routes.js';
import { exercisePoint } from './gh-point-json.js';
import { PerUserMinuteLimiter } from './gh-rate-limiter.js';
import {
  GoogleHealthState,
  SIM_DATA_TYPES,
  type GoogleUser,
  type NotificationDelivery,
  type SimDataType,
} from './gh-state.js';
import { notifySubscribers, registerSubscriberRoutes } from './gh-subscribers.js';
import { seedDailySeries } from './gh-synthetic.js';

export interface GoogleHealthSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly port?: number;
  readonly seed?: number;
  /** Default 2. */
  readonly users?: number;
  /** Default 3. */
  readonly workoutsPerUser?: number;
  /** Whole days of steps, heart rate, sleep and weigh-ins before today; default 3. */
  readonly days?: number;
  /** Default Google's 300. */
  readonly perUserPerMinute?: number;
  readonly pageSizeCaps?: Partial<Record<SimDataType, number>>;
  /** Default 3600. */
  readonly accessTokenLifetimeSeconds?: number;
  /** The bearer token of the project's service account (subscriber management). */
  readonly serviceAccountToken?: string;
  readonly now?: () => number;
}

export interface GoogleHealthSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  readonly users: readonly { readonly healthUserId: string; readonly name: string }[];
  readonly serviceAccountToken: string;
  loginAs(healthUserId: string): void;
  /** Records a new exercise session (a synthetic one when omitted), notifies subscribers, returns its id. */
  addExercise(healthUserId: string, workout?: Workout): Promise<string>;
  pointsOf(healthUserId: string, type: SimDataType): readonly Record<string, unknown>[];
  /** Makes an access token fail with 401 from now on, as after its hour. */
  expireAccessToken(token: string): void;
  failNext(count: number, status: number): void;
  readonly faults: FaultControls;
  readonly deliveries: readonly NotificationDelivery[];
  close(): Promise<void>;
}

const DEVICES = ['Pixel Watch 3', 'Fitbit Charge 6', 'Fitbit Sense 2', 'Fitbit Inspire 3'] as const;

/**
 * A local Google Health API: accounts.google.com's consent page, oauth2.googleapis.com's token
 * and revoke endpoints, health.googleapis.com's /v4 API, and the turned-down Fitbit Web API
 * (410 Gone everywhere) on one origin, with seeded synthetic users.
 *
 * @example
 *   const google = await startGoogleHealthSimulator({ clientId: 'id', clientSecret: 'secret' });
 *   google.loginAs(google.users[0].healthUserId);
 */
export async function startGoogleHealthSimulator(
  opts: GoogleHealthSimulatorOptions,
): Promise<GoogleHealthSimulator> {
  const seed = opts.seed ?? 1;
  const nowMs = opts.now ?? (() => epochMs(systemClock));
  const random = new SeededRandom(deriveSeed(seed, 0x6001));
  let idCounter = 0;
  const nextId = (): string => `${random.int(1_000_000, 9_999_999)}${String(idCounter++).padStart(6, '0')}`;
  const userIds = Array.from({ length: opts.users ?? 2 }, () => String(random.int(100_000_000, 999_999_999)));
  const serviceAccountToken = opts.serviceAccountToken ?? 'sim-service-account-token';
  const state = new GoogleHealthState(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      serviceAccountToken,
      accessTokenLifetimeSeconds: opts.accessTokenLifetimeSeconds ?? 3600,
      perUserPerMinute: opts.perUserPerMinute ?? 300,
      pageSizeCaps: opts.pageSizeCaps ?? {},
      nowMs,
    },
    userIds[0] ?? '',
  );
  const deviceOf = new Map<string, string>();

  userIds.forEach((healthUserId, index) => {
    const synthetic = generateAthlete(deriveSeed(seed, 300 + index));
    const offset = Math.round(synthetic.home.lon / 15) * 60;
    const points = Object.fromEntries(SIM_DATA_TYPES.map((t) => [t, []])) as unknown as GoogleUser['points'];
    const user: GoogleUser = {
      healthUserId,
      name: synthetic.name,
      synthetic,
      utcOffsetMinutes: offset,
      points,
    };
    state.users.set(healthUserId, user);
    const device = random.pick(DEVICES);
    deviceOf.set(healthUserId, device);
    const workouts = generateWorkouts({
      seed: synthetic.seed,
      count: opts.workoutsPerUser ?? 3,
      provider: 'google_health',
      endBefore: new Date(nowMs()),
      utcOffsetMinutes: offset,
      athlete: synthetic,
    });
    for (const w of workouts)
      points.exercise.push(exercisePoint(w, { id: nextId(), offsetMinutes: offset, device }));
    seedDailySeries(user, synthetic, opts.days ?? 3, nowMs(), random, nextId, device);
  });

  const limiter = new PerUserMinuteLimiter(state.config.perUserPerMinute, nowMs);
  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    try {
      done(null, text.trim() === '' ? undefined : JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Invalid JSON payload received.'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
    sendGoogleError(reply, error.statusCode ?? 500, error.message),
  );
  registerFaultHooks(app, state.faults, googleHealthFaultAdapter());
  // The per-user quota counts user data calls; an unauthenticated call is refused by its route.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v4/users/')) return undefined;
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const userId = token === undefined ? undefined : state.userOfToken(token);
    if (userId !== undefined && !limiter.consume(userId)) return sendGoogleError(reply, 429, QUOTA_MESSAGE);
    return undefined;
  });
  registerGoogleOAuthRoutes(app, state);
  registerGoogleDataRoutes(app, state);
  registerSubscriberRoutes(app, state);
  registerFitbitLegacyRoutes(app);

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let extraSeed = 0;
  const userOrThrow = (id: string): GoogleUser => {
    const user = state.users.get(id);
    if (user === undefined) throw new RangeError(`no user ${id}`);
    return user;
  };

  return {
    url,
    baseUrls: { api: url, authorize: url + GOOGLE_AUTHORIZE_PATH, token: url + GOOGLE_TOKEN_PATH },
    users: [...state.users.values()].map((u) => ({ healthUserId: u.healthUserId, name: u.name })),
    serviceAccountToken,
    loginAs(healthUserId) {
      userOrThrow(healthUserId);
      state.loggedIn = healthUserId;
    },
    async addExercise(healthUserId, workout) {
      const user = userOrThrow(healthUserId);
      const generated =
        workout ??
        generateWorkouts({
          seed: deriveSeed(user.synthetic.seed, 9000 + extraSeed++),
          count: 1,
          provider: 'google_health',
          endBefore: new Date(nowMs()),
          utcOffsetMinutes: user.utcOffsetMinutes,
          athlete: user.synthetic,
        })[0];
      if (generated === undefined) throw new Error('workout generation produced nothing');
      const placed = workout === undefined ? placeAfterLatest(user, generated, nowMs()) : generated;
      const point = exercisePoint(placed, {
        id: nextId(),
        offsetMinutes: user.utcOffsetMinutes,
        device: deviceOf.get(healthUserId) ?? DEVICES[0],
      });
      user.points.exercise.push(point);
      await notifySubscribers(
        state,
        healthUserId,
        'exercise',
        Date.parse(placed.startTime),
        Date.parse(placed.endTime),
      );
      return point.id;
    },
    pointsOf: (healthUserId, type) => userOrThrow(healthUserId).points[type].map((p) => p.json),
    expireAccessToken(token) {
      const entry = state.accessTokens.get(token);
      if (entry !== undefined) entry.expiresAtMs = nowMs();
    },
    failNext(count, status) {
      state.faults.failNext(count, status, { targets: ['api'] });
    },
    faults: state.faults,
    deliveries: state.deliveries,
    close: () => {
      app.server.closeAllConnections();
      return app.close();
    },
  };
}

/** A just-finished session: it ends now, or just after the user's latest one when that is later. */
function placeAfterLatest(user: GoogleUser, workout: Workout, nowMs: number): Workout {
  const latest = Math.max(0, ...user.points.exercise.map((p) => p.keyTimeMs));
  const durationMs = Date.parse(workout.endTime) - Date.parse(workout.startTime);
  const startMs = Math.floor(Math.max(nowMs - durationMs - 60_000, latest + 60_000) / 1000) * 1000;
  const shift = startMs - Date.parse(workout.startTime);
  const move = (t: string): string => new Date(Date.parse(t) + shift).toISOString();
  return {
    ...workout,
    startTime: move(workout.startTime),
    endTime: move(workout.endTime),
    laps: workout.laps.map((l) => ({ ...l, startTime: move(l.startTime), endTime: move(l.endTime) })),
    ...(workout.track === undefined
      ? {}
      : { track: workout.track.map((p) => ({ ...p, time: move(p.time) })) }),
  };
}
