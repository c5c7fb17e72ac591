import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import type { FaultController, FaultControls } from '../faults/fault-controller.js';
import type { StravaAthlete } from './strava-athletes.js';
import type { StravaRateLimits } from './strava-rate-limiter.js';
import type { StravaRequestLog } from './strava-request-log.js';
import type { StravaPushSubscription, StravaWebhookDelivery } from './strava-webhook-hub.js';
import { activityFromWorkout } from './strava-workout-activity.js';
import type { StravaActivityChanges, StravaWorld } from './strava-world.js';

/** A stored activity as tests see it: the fields a sync must carry over, not Strava's JSON. */
export interface StravaActivityView {
  readonly id: number;
  readonly name: string;
  readonly sportType: string;
  /** UTC, ISO-8601 with `Z`. */
  readonly startDate: string;
  readonly utcOffsetMinutes: number;
  readonly elapsedTime: number;
  readonly distance: number;
  readonly externalId: string | null;
  readonly uploadId: number | null;
  readonly manual: boolean;
  readonly private: boolean;
  readonly trackPointCount: number;
  readonly heartRateSampleCount: number;
}

export interface StravaSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  close(): Promise<void>;
  readonly clientId: string;
  readonly athletes: readonly StravaAthlete[];
  /** The athlete the consent page acts for (the first seeded one until changed). */
  loginAs(athleteId: number): void;
  /** Newest first. */
  activitiesOf(athleteId: number): StravaActivityView[];
  /** Records an activity as if made on Strava itself; fires the `create` webhook. */
  addActivity(
    athleteId: number,
    workout: Workout,
    opts?: { externalId?: string; private?: boolean },
  ): StravaActivityView;
  /** Fires the `update` webhook for title / type / privacy changes. */
  updateActivity(activityId: number, changes: StravaActivityChanges): boolean;
  /** Fires the `delete` webhook. */
  deleteActivity(activityId: number): boolean;
  /** Moves the simulator's clock (token expiry, rate-limit windows, event times). */
  advanceClock(ms: number): void;
  now(): Date;
  /**
   * The athlete revokes SyncWell's access on strava.com (Settings → My Apps → Revoke Access):
   * every token of the grant stops working and the deauthorization webhook fires. False when the
   * athlete had not authorized the app.
   */
  revokeAccess(athleteId: number): boolean;
  /** Makes this access token expire now; false when unknown. */
  expireAccessToken(accessToken: string): boolean;
  /** The next `count` API or token requests (or those matching `path`) answer `status`; 0 stops. */
  failNext(count: number, status: number, path?: string | RegExp): void;
  /** The shared fault model: `faults.set(plan)` / `faults.clear()` (see `FaultPlan`). */
  readonly faults: FaultControls;
  readonly requestLog: StravaRequestLog;
  rateLimitUsage(): StravaRateLimits;
  readonly webhookDeliveries: readonly StravaWebhookDelivery[];
  pushSubscription(): StravaPushSubscription | null;
  /** Resolves when every webhook delivery has succeeded or given up. */
  webhooksIdle(): Promise<void>;
}

export function stravaSimulatorControls(parts: {
  url: string;
  baseUrls: ProviderBaseUrls;
  world: StravaWorld;
  faults: FaultController;
  requestLog: StravaRequestLog;
  close: () => Promise<void>;
}): StravaSimulator {
  const { world } = parts;
  const view = (id: number): StravaActivityView => {
    const a = world.activities.get(id);
    if (a === undefined) throw new RangeError(`no activity ${id}`);
    return {
      id: a.id,
      name: a.name,
      sportType: a.sportType,
      startDate: new Date(a.startDateMs).toISOString(),
      utcOffsetMinutes: a.utcOffsetMinutes,
      elapsedTime: a.elapsedTime,
      distance: a.distance,
      externalId: a.externalId,
      uploadId: a.uploadId,
      manual: a.manual,
      private: a.private,
      trackPointCount: a.samples.filter((s) => s.lat !== undefined).length,
      heartRateSampleCount: a.samples.filter((s) => s.heartrate !== undefined).length,
    };
  };
  const requireAthlete = (athleteId: number): void => {
    if (world.athlete(athleteId) === undefined)
      throw new RangeError(`no athlete ${athleteId} in this simulator`);
  };
  return {
    url: parts.url,
    baseUrls: parts.baseUrls,
    close: parts.close,
    clientId: world.clientId,
    athletes: world.athletes,
    loginAs: (athleteId) => {
      requireAthlete(athleteId);
      world.loggedInAthleteId = athleteId;
    },
    activitiesOf: (athleteId) => world.activities.ofAthlete(athleteId).map((a) => view(a.id)),
    addActivity: (athleteId, workout, opts = {}) => {
      requireAthlete(athleteId);
      const input = activityFromWorkout(workout, {
        athleteId,
        externalId: opts.externalId ?? null,
        uploadId: null,
      });
      return view(world.createActivity({ ...input, private: opts.private ?? false }).id);
    },
    updateActivity: (activityId, changes) => world.updateActivity(activityId, changes) !== undefined,
    deleteActivity: (activityId) => world.deleteActivity(activityId),
    advanceClock: (ms) => world.clock.advance(ms),
    now: () => new Date(world.clock.nowMs()),
    revokeAccess: (athleteId) => world.revokeByAthlete(athleteId),
    expireAccessToken: (token) => world.tokens.expireAccessToken(token),
    failNext: (count, status, path) =>
      parts.faults.failNext(count, status, {
        targets: ['api', 'token'],
        ...(path === undefined ? {} : { path }),
      }),
    faults: parts.faults,
    requestLog: parts.requestLog,
    rateLimitUsage: () => world.rateLimiter.usage(),
    webhookDeliveries: world.webhooks.deliveries,
    pushSubscription: () => world.webhooks.subscription,
    webhooksIdle: () => world.webhooks.idle(),
  };
}
