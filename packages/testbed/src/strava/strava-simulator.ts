import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import type { ProviderBaseUrls } from '@syncwell/core';
import { FaultController } from '../faults/fault-controller.js';
import { registerFaultHooks } from '../faults/fault-hooks.js';
import { StravaApiGuard } from './strava-api-guard.js';
import { registerStravaActivityRoutes } from './strava-activity-routes.js';
import { seedAthletes, seedWorkout, type StravaAthlete } from './strava-athletes.js';
import { SimulatorClock } from './strava-clock.js';
import { registerStravaErrorHandlers } from './strava-error-handlers.js';
import { registerStravaOAuthRoutes } from './strava-oauth-routes.js';
import { registerStravaPushRoutes } from './strava-push-routes.js';
import {
  DEFAULT_STRAVA_RATE_LIMITS,
  StravaRateLimiter,
  type StravaRateLimits,
} from './strava-rate-limiter.js';
import { StravaRequestLog } from './strava-request-log.js';
import { registerStravaReceivedPage } from './strava-received-page.js';
import { stravaFaultAdapter } from './strava-faults.js';
import { StravaTokenStore } from './strava-token-store.js';
import { StravaUploadProcessor } from './strava-upload-processor.js';
import { registerStravaUploadRoutes } from './strava-upload-routes.js';
import { StravaWebhookHub } from './strava-webhook-hub.js';
import { activityFromWorkout } from './strava-workout-activity.js';
import { StravaWorld } from './strava-world.js';
import { SeededRandom } from '../synthetic/seeded-random.js';
import { stravaSimulatorControls, type StravaSimulator } from './strava-simulator-handle.js';

export interface StravaSimulatorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Defaults to 0 (any free port); `npm start` passes a fixed one. */
  readonly port?: number;
  readonly seed?: number;
  /** How many athletes to seed; at least 1, default 3. */
  readonly athletes?: number;
  /** Seeded activities per athlete (one a day going back), default 0. */
  readonly activitiesPerAthlete?: number;
  /** The app's "Authorization Callback Domain"; unset accepts any redirect URI. */
  readonly authorizationCallbackDomain?: string;
  /** Delay before an upload is processed; default 100 ms. */
  readonly uploadProcessingMs?: number;
  /** Pause between webhook delivery attempts; default 100 ms. */
  readonly webhookRetryDelayMs?: number;
  readonly rateLimits?: {
    readonly overall?: Partial<StravaRateLimits['overall']>;
    readonly read?: Partial<StravaRateLimits['read']>;
  };
  /** Epoch-ms clock for tokens, rate windows, seeded activities and events; default the system clock. */
  readonly now?: () => number;
}

function seedActivities(
  world: StravaWorld,
  random: SeededRandom,
  athlete: StravaAthlete,
  count: number,
): void {
  for (let daysAgo = count; daysAgo >= 1; daysAgo--) {
    const workout = seedWorkout(random, athlete, world.clock.nowMs(), daysAgo);
    world.activities.create(
      activityFromWorkout(workout, {
        athleteId: athlete.id,
        externalId: `${workout.provenance.externalId}.fit`,
        uploadId: null,
        deviceName: 'Garmin Forerunner 265',
      }),
    );
  }
}

/**
 * Starts a local Strava API v3 on 127.0.0.1 serving the OAuth pages, token endpoint, API and
 * webhooks from one origin on the real paths.
 *
 * @example
 *   const strava = await startStravaSimulator({ clientId: '1234', clientSecret: 's3cret' });
 *   const client = stravaModule.create({ clientId: '1234', clientSecret: 's3cret', baseUrls: strava.baseUrls });
 *   strava.loginAs(strava.athletes[1].id);
 *   await strava.close();
 */
export async function startStravaSimulator(options: StravaSimulatorOptions): Promise<StravaSimulator> {
  const clock = new SimulatorClock(options.now);
  const random = new SeededRandom(options.seed ?? 1);
  const limits: StravaRateLimits = {
    overall: { ...DEFAULT_STRAVA_RATE_LIMITS.overall, ...options.rateLimits?.overall },
    read: { ...DEFAULT_STRAVA_RATE_LIMITS.read, ...options.rateLimits?.read },
  };
  const athletes = seedAthletes(random, Math.max(1, options.athletes ?? 3), clock.nowMs());
  const faultController = new FaultController(() => clock.nowMs());
  const world = new StravaWorld(
    options.clientId,
    options.clientSecret,
    athletes,
    clock,
    new StravaTokenStore(clock, () => faultController.tokenLifetimeCapMs()),
    new StravaRateLimiter(clock, limits),
    new StravaWebhookHub(clock, options.webhookRetryDelayMs ?? 100),
  );
  for (const athlete of athletes) seedActivities(world, random, athlete, options.activitiesPerAthlete ?? 0);

  const app = Fastify({ logger: false });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1 } });
  const guard = new StravaApiGuard(world);
  const requestLog = new StravaRequestLog();
  const uploads = new StravaUploadProcessor(world, options.uploadProcessingMs ?? 100);
  registerStravaErrorHandlers(app);
  requestLog.register(app);
  // Faults first: a failing edge answers before Strava checks the token or counts the request.
  registerFaultHooks(app, faultController, stravaFaultAdapter(world.rateLimiter));
  guard.register(app);
  registerStravaOAuthRoutes(app, world, { callbackDomain: options.authorizationCallbackDomain });
  registerStravaActivityRoutes(app, world, guard);
  registerStravaUploadRoutes(app, guard, uploads);
  registerStravaPushRoutes(app, world);
  registerStravaReceivedPage(app, world);

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the simulator did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  const baseUrls: ProviderBaseUrls = {
    api: `${url}/api/v3`,
    authorize: `${url}/oauth/authorize`,
    token: `${url}/oauth/token`,
  };
  return stravaSimulatorControls({
    url,
    baseUrls,
    world,
    faults: faultController,
    requestLog,
    close: async () => {
      uploads.close();
      await world.webhooks.close();
      // A request a client abandoned under the timeout fault can keep its socket; drop them all.
      app.server.closeAllConnections();
      await app.close();
    },
  });
}
