import type { ProviderBaseUrls, ProviderId, Workout } from '@syncwell/core';
import {
  startGarminSimulator,
  startGoogleHealthSimulator,
  startOuraSimulator,
  startPolarSimulator,
  startWhoopSimulator,
  startWithingsSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { providerEnvName } from '../config/load-config.js';

/** One provider's simulated cloud as a workout source of the provider matrix. */
export interface MatrixSource {
  /** SYNCWELL_<ID>_* settings pointing SyncWell at this simulator. */
  readonly env: Record<string, string>;
  /** The account whose consent page the matrix approves (the consent form's `athlete_id`). */
  readonly account: string;
  /** Stores one workout in that account as the provider's cloud would hold it. */
  add(workout: Workout): Promise<unknown>;
  /**
   * What the provider's wire format carries for a workout, as its simulator serves it: the
   * distance, and a GPS track (FIT file or streams). Only carried fields are compared.
   */
  readonly carries: { readonly distance: boolean; readonly track: boolean };
  close(): Promise<void>;
}

export interface MatrixSourceContext {
  /** The shared Strava simulator (the destination of every rule). */
  readonly strava: StravaSimulator;
  /** A Strava athlete no rule writes to, for "Strava workouts → Strava". */
  readonly spareStravaAthleteId: number;
}

type SourceFactory = (ctx: MatrixSourceContext) => Promise<MatrixSource>;

/** Client credentials the matrix's simulators accept. */
function credentials(provider: ProviderId): { clientId: string; clientSecret: string } {
  return { clientId: `syncwell-matrix-${provider}`, clientSecret: `${provider}-matrix-secret` };
}

/** The settings a deployment sets to use `sim` as `provider`'s cloud. */
export function matrixEnv(
  provider: ProviderId,
  sim: { readonly baseUrls: ProviderBaseUrls },
  creds: { clientId: string; clientSecret: string } = credentials(provider),
): Record<string, string> {
  return {
    [providerEnvName(provider, 'clientId')]: creds.clientId,
    [providerEnvName(provider, 'clientSecret')]: creds.clientSecret,
    [providerEnvName(provider, 'apiUrl')]: sim.baseUrls.api,
    [providerEnvName(provider, 'authorizeUrl')]: sim.baseUrls.authorize,
    [providerEnvName(provider, 'tokenUrl')]: sim.baseUrls.token,
  };
}

/**
 * Every provider the matrix can drive, by id. A provider whose facts declare readable workouts
 * but that has no entry here fails the matrix: add its simulator here.
 */
export const MATRIX_SOURCES: Partial<Record<ProviderId, SourceFactory>> = {
  polar: async () => {
    const sim = await startPolarSimulator({
      ...credentials('polar'),
      seed: 81,
      athletes: 1,
      workoutsPerAthlete: 0,
    });
    const athleteId = sim.athletes[0]!.id;
    return {
      env: matrixEnv('polar', sim),
      account: String(athleteId),
      add: (w) => sim.addExercise(athleteId, w),
      carries: { distance: true, track: true },
      close: () => sim.close(),
    };
  },
  strava: ({ strava, spareStravaAthleteId }) =>
    Promise.resolve({
      // The destination simulator's env is set by the matrix itself; this is another account on it.
      env: {},
      account: String(spareStravaAthleteId),
      add: (w) => Promise.resolve(strava.addActivity(spareStravaAthleteId, w)),
      carries: { distance: true, track: true },
      close: () => Promise.resolve(),
    }),
  google_health: async () => {
    const sim = await startGoogleHealthSimulator({
      ...credentials('google_health'),
      seed: 82,
      users: 1,
      workoutsPerUser: 0,
      days: 1,
    });
    const userId = sim.users[0]!.healthUserId;
    return {
      env: matrixEnv('google_health', sim),
      account: userId,
      add: (w) => sim.addExercise(userId, w),
      // An exercise session's metricsSummary has distanceMillimeters; the simulator serves no route.
      carries: { distance: true, track: false },
      close: () => sim.close(),
    };
  },
  oura: async () => {
    const sim = await startOuraSimulator({
      ...credentials('oura'),
      seed: 83,
      users: 1,
      historyDays: 1,
      workoutsPerUser: 0,
    });
    const userId = sim.users[0]!.id;
    return {
      env: matrixEnv('oura', sim),
      account: userId,
      add: (w) => sim.addWorkout(userId, w),
      // Oura's workout document has `distance` and no GPS.
      carries: { distance: true, track: false },
      close: () => sim.close(),
    };
  },
  withings: async () => {
    const sim = await startWithingsSimulator({
      ...credentials('withings'),
      seed: 84,
      users: 1,
      days: 1,
      workoutsPerUser: 0,
    });
    const userId = sim.users[0]!.userid;
    return {
      env: matrixEnv('withings', sim),
      account: String(userId),
      add: (w) => Promise.resolve(sim.addWorkout(userId, w)),
      // getworkouts' data.distance in metres; no GPS in the public API.
      carries: { distance: true, track: false },
      close: () => sim.close(),
    };
  },
  whoop: async () => {
    const sim = await startWhoopSimulator({
      ...credentials('whoop'),
      seed: 85,
      users: 1,
      days: 1,
      workoutsPerUser: 0,
    });
    const userId = sim.users[0]!.id;
    return {
      env: matrixEnv('whoop', sim),
      account: String(userId),
      add: (w) => sim.addWorkout(userId, w),
      // score.distance_meter; WHOOP serves no GPS.
      carries: { distance: true, track: false },
      close: () => sim.close(),
    };
  },
  garmin: async () => {
    // Uploads are stamped with the simulator's clock. Running it two minutes behind makes the
    // matrix's uploads finished ones for the client, which leaves the last 60 s unread (settle).
    const sim = await startGarminSimulator({
      ...credentials('garmin'),
      seed: 86,
      users: 1,
      workoutsPerUser: 0,
      healthDays: 1,
      now: () => Date.now() - 120_000,
    });
    const userId = sim.users[0]!.userId;
    return {
      env: matrixEnv('garmin', sim),
      account: userId,
      add: (w) => sim.addActivity(userId, w),
      // The activity summary has distanceInMeters; the FIT activity file has the track.
      carries: { distance: true, track: true },
      close: () => sim.close(),
    };
  },
};
