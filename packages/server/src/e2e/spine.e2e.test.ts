import { describeSpineScenario } from './spine-scenario.js';
import { startSpineStack } from './spine-stack.js';

describeSpineScenario('embedded default (SQLite, in-process queue, one process)', async () => {
  const stack = await startSpineStack({ polarWorkouts: 3 });
  return { apiUrl: stack.syncwell.url, polar: stack.polar, strava: stack.strava, stop: () => stack.stop() };
});
