import type { ProviderBaseUrls, Workout } from '@syncwell/core';
import type { FaultControls } from '../faults/fault-controller.js';
import { deriveSeed, type SeededRandom } from '../synthetic/seeded-random.js';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { deliverLifecycle, deliverSummaries } from './garmin-delivery.js';
import { storeActivity } from './garmin-seed.js';
import type { DeliveryMode, GarminDelivery, GarminState } from './garmin-state.js';

export interface GarminSimulator {
  readonly url: string;
  readonly baseUrls: ProviderBaseUrls;
  readonly users: readonly { readonly userId: string; readonly name: string }[];
  /** Whose consent page the "browser" sees. */
  loginAs(userId: string): void;
  /**
   * What a partner sets at `apis.garmin.com/tools/endpoints`: one URL and mode per summary
   * type (all types plus the lifecycle pushes when `types` is omitted). `probe` GETs the URL
   * first, a reachability check Garmin does not document, for suites that expect a handshake.
   */
  configureEndpoints(
    url: string,
    mode: DeliveryMode,
    options?: { types?: readonly string[]; probe?: boolean },
  ): Promise<void>;
  /** Uploads a workout now (a synthetic one when omitted), delivers it, returns its summaryId. */
  addActivity(userId: string, workout?: Workout): Promise<string>;
  /** Grants or withdraws a permission and sends `userPermissionsChange`. */
  setPermission(userId: string, permission: string, granted: boolean): Promise<void>;
  /** Kills an access token, as if it expired. */
  expireAccessToken(token: string): void;
  /** Forgets the current rate-limit window. */
  resetRateLimit(): void;
  readonly faults: FaultControls;
  readonly deliveries: readonly GarminDelivery[];
  readonly backfillRequests: ReadonlySet<string>;
  close(): Promise<void>;
}

const ALL_TYPES = [
  'activities',
  'activityFiles',
  'manuallyUpdatedActivities',
  'dailies',
  'sleeps',
  'bodyComps',
  'hrv',
  'pulseOx',
  'deregistrations',
  'userPermissionsChange',
];

export function createGarminHandle(
  state: GarminState,
  random: SeededRandom,
  baseUrls: ProviderBaseUrls,
  close: () => Promise<void>,
): GarminSimulator {
  let extra = 0;
  const user = (userId: string) => {
    const found = state.users.get(userId);
    if (found === undefined) throw new RangeError(`no Garmin user ${userId}`);
    return found;
  };
  return {
    url: baseUrls.api,
    baseUrls,
    users: [...state.users.values()].map((u) => ({ userId: u.userId, name: u.name })),
    loginAs(userId) {
      user(userId);
      state.loggedIn = userId;
    },
    async configureEndpoints(url, mode, options = {}) {
      if (options.probe === true) await fetch(url, { method: 'GET' }).then((r) => r.body?.cancel());
      for (const type of options.types ?? ALL_TYPES) state.endpoints.set(type, { url, mode });
    },
    async addActivity(userId, workout) {
      const athlete = user(userId).synthetic;
      const chosen =
        workout ??
        generateWorkouts({
          seed: deriveSeed(athlete.seed, 9000 + extra++),
          count: 1,
          provider: 'garmin',
          endBefore: new Date(state.config.nowMs()),
          athlete,
        })[0];
      if (chosen === undefined) throw new Error('workout generation produced nothing');
      const { activity, file } = storeActivity(state, random, userId, chosen, state.nowS());
      await deliverSummaries(state, 'activities', [activity]);
      await deliverSummaries(state, 'activityFiles', [file]);
      return String(activity.body.summaryId);
    },
    async setPermission(userId, permission, granted) {
      const found = user(userId);
      if (granted) found.permissions.add(permission);
      else found.permissions.delete(permission);
      await deliverLifecycle(state, 'userPermissionsChange', {
        userId,
        summaryId: `perm-${state.nowS()}`,
        permissions: [...found.permissions],
        changeTimeInSeconds: state.nowS(),
      });
    },
    expireAccessToken(token) {
      state.accessTokens.delete(token);
    },
    resetRateLimit: () => {
      state.limiter.reset();
    },
    faults: state.faults,
    deliveries: state.deliveries,
    backfillRequests: state.backfillRequests,
    close,
  };
}
