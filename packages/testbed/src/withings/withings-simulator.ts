import { epochMs, systemClock } from '@syncwell/core';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import type { FaultControls } from '../faults/fault-controller.js';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import { generateAthlete } from '../synthetic/synthetic-athlete.js';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { registerWithingsDataRoutes } from './withings-data-routes.js';
import { WITHINGS_STATUS, errorBody } from './withings-envelope.js';
import { withingsFaultAdapter } from './withings-faults.js';
import { WITHINGS_NOTIFY_RETRY_DELAYS_MS, notify } from './withings-notify-delivery.js';
import { registerWithingsNotifyRoutes } from './withings-notify-routes.js';
import {
  WITHINGS_AUTHORIZE_PATH,
  WITHINGS_TOKEN_PATH,
  registerWithingsOAuthRoutes,
} from './withings-oauth-routes.js';
import { WithingsRateLimiter } from './withings-rate-limiter.js';
import { WithingsState, type NotifyDelivery, type WithingsUser } from './withings-state.js';
import { addNight, addWeighIn, addWorkout, seedHistory } from './withings-synthetic.js';
import { localParts } from './withings-zone.js';

export interface WithingsSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly port?: number;
  readonly seed?: number;
  /** Default 2. */
  readonly users?: number;
  /** Days of seeded history (weigh-ins, nights, activity days); default 7. */
  readonly days?: number;
  /** Default 3 seeded workouts per user. */
  readonly workoutsPerUser?: number;
  /** Items per `more`/`offset` page; Withings' own size is undocumented [U]. Default 100. */
  readonly pageSize?: number;
  /** App-wide requests per minute; Withings' standard plan allows 120. */
  readonly requestsPerMinute?: number;
  /** Notify retry schedule; default Withings' (0, 10 s, 1 min, 1 h, 4 h). */
  readonly notifyRetryDelaysMs?: readonly number[];
  readonly now?: () => number;
}

export interface WithingsSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  readonly users: readonly { readonly userid: number; readonly name: string; readonly timezone: string }[];
  loginAs(userid: number): void;
  /** Adds a workout (synthetic when omitted) and notifies `appli` 16; returns its id. */
  addWorkout(userid: number, workout?: Workout): number;
  /** Adds a weigh-in (kg, fat %) and notifies `appli` 1; returns the group id. */
  addWeighIn(userid: number, weightKg: number, fatPercent: number, at?: Date): number;
  /** Adds last night's sleep and notifies `appli` 44; returns the summary id. */
  addNight(userid: number): number;
  /** The user unlinks our app in Health Mate: tokens die, `appli` 46 `action=unlink` goes out. */
  unlink(userid: number): void;
  expireAccessToken(accessToken: string): void;
  /** Old-refresh-token grace after a rotation; Withings' is 8 h. */
  setRefreshGraceSeconds(seconds: number): void;
  /** Fills the app's minute, so the next call answers body status 601. */
  exhaustRateLimit(): void;
  resetRateLimit(): void;
  readonly faults: FaultControls;
  failNext(count: number, status: number): void;
  readonly deliveries: readonly NotifyDelivery[];
  /** Where Withings publishes sender IPs (DNS TXT `ipblock-notify.withings.net`); here, loopback. */
  readonly notifySenderIps: readonly string[];
  close(): Promise<void>;
}

const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'] as const;

/**
 * A local Withings cloud: account.withings.com's consent page and wbsapi.withings.net's action
 * endpoints on one origin, with seeded users, body-status errors and 601 rate limiting.
 *
 * @example
 *   const sim = await startWithingsSimulator({ clientId: 'id', clientSecret: 'secret' });
 *   sim.loginAs(sim.users[0].userid);
 *   await sim.close();
 */
export async function startWithingsSimulator(opts: WithingsSimulatorOptions): Promise<WithingsSimulator> {
  const seed = opts.seed ?? 1;
  const nowMs = opts.now ?? (() => epochMs(systemClock));
  const days = opts.days ?? 7;
  const random = new SeededRandom(deriveSeed(seed, 0x3171));
  const limiter = new WithingsRateLimiter(opts.requestsPerMinute ?? 120, nowMs);
  const userIds = Array.from(
    { length: opts.users ?? 2 },
    (_, i) => 30_000_000 + random.int(1, 9999) * 100 + i,
  );
  const state = new WithingsState(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      nowMs,
      pageSize: opts.pageSize ?? 100,
      notifyRetryDelaysMs: opts.notifyRetryDelaysMs ?? WITHINGS_NOTIFY_RETRY_DELAYS_MS,
      historyStartMs: nowMs() - days * 86_400_000,
    },
    limiter,
    userIds[0] ?? 0,
  );
  userIds.forEach((userid, index) => {
    const synthetic = generateAthlete(deriveSeed(seed, 300 + index));
    const user: WithingsUser = {
      userid,
      name: synthetic.name,
      timezone: ZONES[index % ZONES.length] ?? 'UTC',
      synthetic,
    };
    state.users.set(userid, user);
    seedHistory(state, user, days, random);
    const workouts = generateWorkouts({
      seed: synthetic.seed,
      count: opts.workoutsPerUser ?? 3,
      provider: 'withings',
      endBefore: new Date(nowMs()),
      athlete: synthetic,
    });
    for (const w of workouts) addWorkout(state, user, w);
  });
  // Seeded history was synced before anyone subscribed: date it to when it happened, not now.
  for (const item of [...state.workouts, ...state.measureGroups])
    item.modified = Math.min(item.modified, ('enddate' in item ? item.enddate : item.date) + 600);

  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
    reply.code(200).send(errorBody(WITHINGS_STATUS.invalidParams, `Invalid Params: ${error.message}`)),
  );
  registerFaultHooks(app, state.faults, withingsFaultAdapter());
  // Over the limit: HTTP 200, body status 601, no headers [S/U]. Consent pages are not the API.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(WITHINGS_AUTHORIZE_PATH)) return;
    if (!limiter.consume())
      return reply.code(200).send(errorBody(WITHINGS_STATUS.tooManyRequests, 'Too many requests'));
  });
  registerWithingsOAuthRoutes(app, state);
  registerWithingsDataRoutes(app, state);
  registerWithingsNotifyRoutes(app, state);
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  let extra = 0;

  const window = (startSec: number, endSec: number) => ({
    startdate: String(startSec),
    enddate: String(endSec),
  });
  return {
    url,
    baseUrls: { api: url, authorize: url + WITHINGS_AUTHORIZE_PATH, token: url + WITHINGS_TOKEN_PATH },
    users: [...state.users.values()].map((u) => ({ userid: u.userid, name: u.name, timezone: u.timezone })),
    loginAs(userid) {
      state.userOf(userid);
      state.loggedIn = userid;
    },
    addWorkout(userid, workout) {
      const user = state.userOf(userid);
      const chosen =
        workout ??
        generateWorkouts({
          seed: deriveSeed(user.synthetic.seed, 9000 + extra++),
          count: 1,
          provider: 'withings',
          endBefore: new Date(nowMs()),
          athlete: user.synthetic,
        })[0];
      if (chosen === undefined) throw new Error('workout generation produced nothing');
      const id = addWorkout(state, user, chosen);
      const stored = state.workouts.find((w) => w.id === id);
      if (stored !== undefined)
        notify(state, userid, 16, { ...window(stored.startdate, stored.enddate), date: stored.date });
      return id;
    },
    addWeighIn(userid, weightKg, fatPercent, at) {
      const atMs = at?.getTime() ?? nowMs();
      const grpid = addWeighIn(state, state.userOf(userid), atMs, weightKg, fatPercent);
      notify(state, userid, 1, window(Math.floor(atMs / 1000), Math.floor(atMs / 1000)));
      return grpid;
    },
    addNight(userid) {
      const user = state.userOf(userid);
      const id = addNight(state, user, localParts(nowMs(), user.timezone).date, random);
      const night = state.sleeps.find((s) => s.id === id);
      if (night !== undefined) notify(state, userid, 44, window(night.startdate, night.enddate));
      return id;
    },
    unlink(userid) {
      state.unlinked.add(userid);
      state.tokens.dropUser(userid);
      const now = Math.floor(nowMs() / 1000);
      notify(state, userid, 46, { ...window(now, now), action: 'unlink' });
    },
    expireAccessToken: (token) => state.tokens.expireAccess(token),
    setRefreshGraceSeconds(seconds) {
      state.tokens.graceSeconds = seconds;
    },
    exhaustRateLimit: () => limiter.exhaust(),
    resetRateLimit: () => limiter.reset(),
    faults: state.faults,
    failNext(count, status) {
      state.faults.failNext(count, status, { targets: ['api'] });
    },
    deliveries: state.deliveries,
    notifySenderIps: ['127.0.0.1'],
    close: () => {
      app.server.closeAllConnections();
      return app.close();
    },
  };
}
