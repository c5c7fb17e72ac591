import { startProcessStack } from './process-stack.js';
import { describeSpineScenario } from './spine-scenario.js';

/**
 * The same spine scenario on the production layout: PostgreSQL + Redis (BullMQ), one `api`
 * process and two `worker` processes sharing the work.
 */
describeSpineScenario(
  'PostgreSQL + Redis, one api and two worker processes',
  async () => {
    const stack = await startProcessStack({
      seed: 21,
      polarWorkouts: 3,
      uploadProcessingMs: 20,
      env: { SYNCWELL_WORKER_CONCURRENCY: '8' },
    });
    try {
      await Promise.all([stack.start('api'), stack.start('worker'), stack.start('worker')]);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return {
      apiUrl: stack.apiUrl,
      polar: stack.polar,
      strava: stack.strava,
      stop: async () => {
        const unclean = (await stack.stop()).find((p) => p.code !== 0);
        if (unclean) throw new Error(`${unclean.role} exited ${unclean.code}:\n${unclean.output}`);
      },
    };
  },
  90_000,
);
