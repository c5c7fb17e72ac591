import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolarSimulator, StravaSimulator } from '@syncwell/testbed';
import type { SyncWellApiClient } from '../client/api-client.js';
import { runDemoFlow } from '@syncwell/devstack';

/** What the spine scenario needs from a running deployment, however it is laid out. */
export interface SpineDeployment {
  readonly apiUrl: string;
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  stop(): Promise<void>;
}

const SIX_HOURS_AND_A_BIT = 6 * 3_600_000 + 60_000;

/**
 * The spine, end to end over real HTTP: sign up, connect Polar and Strava through their consent
 * pages and our OAuth callback, rule "Polar workouts to Strava", sync, and check what arrived.
 * One scenario, run against every deployment shape (embedded; PostgreSQL + Redis with processes).
 */
export function describeSpineScenario(
  name: string,
  deploy: () => Promise<SpineDeployment>,
  timeoutMs = 60_000,
): void {
  describe(`spine end to end: ${name}`, () => {
    let deployment: SpineDeployment;
    let client: SyncWellApiClient;
    let ruleId: string;
    let stravaAthleteId: number;
    let polarAthleteId: number;

    beforeAll(async () => {
      deployment = await deploy();
      stravaAthleteId = deployment.strava.athletes[0]!.id;
      polarAthleteId = deployment.polar.athletes[0]!.id;
    }, timeoutMs);
    afterAll(async () => deployment.stop(), timeoutMs);

    function expectStravaToMirrorPolar(): void {
      const exercises = deployment.polar.exercisesOf(polarAthleteId);
      const activities = deployment.strava.activitiesOf(stravaAthleteId);
      expect(activities).toHaveLength(exercises.length);
      const byStart = new Map(activities.map((a) => [a.startDate, a]));
      for (const exercise of exercises) {
        const activity = byStart.get(exercise.workout.startTime.replace(/\.\d+Z$/, '.000Z'));
        expect(activity, `no Strava activity starting ${exercise.workout.startTime}`).toBeDefined();
        const elapsed =
          (Date.parse(exercise.workout.endTime) - Date.parse(exercise.workout.startTime)) / 1000;
        expect(activity!.elapsedTime).toBeCloseTo(elapsed, 0);
        expect(activity!.distance).toBeCloseTo(exercise.workout.distance!.value, 0);
        expect(activity!.trackPointCount).toBe(exercise.workout.track!.length);
        expect(activity!.utcOffsetMinutes).toBe(exercise.workout.utcOffsetMinutes);
      }
    }

    it('moves every Polar workout to Strava with its start, duration, distance and GPS track', async () => {
      const demo = await runDemoFlow(deployment.apiUrl);
      client = demo.client;
      ruleId = demo.ruleId;
      expect(demo.run.status).toBe('succeeded');
      expect(demo.run.counts).toMatchObject({ read: 3, written: 3, failed: 0 });
      expectStravaToMirrorPolar();
    });

    it('a second sync writes nothing', async () => {
      const run = await client.syncAndWait(ruleId);
      expect(run.status).toBe('succeeded');
      expect(run.counts.written).toBe(0);
      expect(deployment.strava.activitiesOf(stravaAthleteId)).toHaveLength(3);
    });

    it('a new Polar workout arrives with the next sync', async () => {
      await deployment.polar.addExercise(polarAthleteId);
      const run = await client.syncAndWait(ruleId);
      expect(run.counts.written).toBe(1);
      expectStravaToMirrorPolar();
    });

    it('refreshes an expired Strava token and keeps the rotated refresh token', async () => {
      const refreshes = () => deployment.strava.requestLog.count({ grantType: 'refresh_token', status: 200 });
      const before = refreshes();
      for (let round = 0; round < 2; round++) {
        // Past the 6 h lifetime: the simulator refuses the access token and rotates the refresh token.
        deployment.strava.advanceClock(SIX_HOURS_AND_A_BIT);
        await deployment.polar.addExercise(polarAthleteId);
        const run = await client.syncAndWait(ruleId);
        // The second round only works if the refresh token kept after round one is the rotated one.
        expect(run.status, JSON.stringify(run)).toBe('succeeded');
        expect(run.counts.written).toBe(1);
      }
      expect(refreshes() - before).toBe(2);
      expectStravaToMirrorPolar();
    });
  });
}
