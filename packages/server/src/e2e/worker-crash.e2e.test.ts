import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessStack, type ProcessStack } from './process-stack.js';

/**
 * A worker killed with SIGKILL in the middle of a run (some records written at the destination,
 * the page not committed), then a fresh worker: every record ends at the destination exactly once.
 * The intent rows make the new worker look the written ones up by tag instead of writing again.
 */
describe('worker SIGKILL mid-run (PostgreSQL + Redis)', () => {
  let stack: ProcessStack;

  beforeAll(async () => {
    stack = await startProcessStack({
      seed: 61,
      polarWorkouts: 5,
      uploadProcessingMs: 400,
      // A dead worker's job and rule lock are taken over after these, instead of 30 s and 60 s.
      env: { SYNCWELL_JOB_LOCK_MS: '1000', SYNCWELL_RULE_LOCK_MS: '2000' },
    });
    await stack.start('api');
  }, 60_000);
  afterAll(async () => stack.stop(), 30_000);

  it('leaves every record at the destination exactly once', async () => {
    const { client, ruleId } = await stack.polarToStravaRule('crash@example.org');
    const athlete = stack.strava.athletes[0]!.id;

    const doomed = await stack.start('worker');
    const run = await client.triggerSync(ruleId);
    // Kill once some, but not all, uploads have landed at Strava: the page is not committed yet.
    for (let i = 0; i < 400 && stack.strava.activitiesOf(athlete).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    doomed.child.kill('SIGKILL');
    await doomed.stop();
    const landedBeforeCrash = stack.strava.activitiesOf(athlete).length;
    expect(landedBeforeCrash).toBeGreaterThanOrEqual(2);
    expect(landedBeforeCrash).toBeLessThan(5);
    expect((await client.getRun(run.id)).status).toBe('running');

    await stack.start('worker');
    const finished = await client.waitForRun(run.id, 45_000);
    expect(finished.status).toBe('succeeded');

    const activities = stack.strava.activitiesOf(athlete);
    expect(activities).toHaveLength(5);
    const exercises = stack.polar.exercisesOf(stack.polar.athletes[0]!.id);
    expect(new Set(activities.map((a) => a.startDate))).toEqual(
      new Set(exercises.map((e) => e.workout.startTime.replace(/\.\d+Z$/, '.000Z'))),
    );
    expect((await client.syncAndWait(ruleId)).counts.written).toBe(0);
  }, 120_000);
});
