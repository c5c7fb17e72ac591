import type { Workout } from '@syncwell/core';
import type { SeededRandom } from '../synthetic/seeded-random.js';
import { activityJson } from './garmin-activity-json.js';
import { healthSummariesOfDay } from './garmin-health-summaries.js';
import type { GarminState, StoredSummary } from './garmin-state.js';

const DEVICES = ['Forerunner 965', 'fenix 8', 'Venu 3', 'Edge 1050'] as const;
const UPLOAD_LAG_S = 15 * 60;

/** Stores a workout as an `activities` summary plus its FIT `activityFiles` entry. */
export function storeActivity(
  state: GarminState,
  random: SeededRandom,
  userId: string,
  workout: Workout,
  uploadS: number,
): { activity: StoredSummary; file: StoredSummary } {
  let activityId = 0;
  while (activityId === 0 || state.files.has(`f${activityId}`))
    activityId = 20_000_000_000 + random.int(1, 999_999_999);
  const { activity, file, startS } = activityJson(userId, activityId, workout, random.pick(DEVICES));
  const fileId = `f${activityId}`;
  state.files.set(fileId, workout);
  const stored = {
    activity: { type: 'activities', userId, uploadS, startS, body: activity },
    file: { type: 'activityFiles', userId, uploadS, startS, body: file, fileId },
  };
  state.summaries.push(stored.activity, stored.file);
  return stored;
}

/**
 * Seeds `days` finished local days of health summaries for a user, each uploaded a quarter of
 * an hour after it ended (and never in the simulator's future).
 */
export function seedHealthDays(state: GarminState, userId: string, days: number): void {
  const user = state.user(userId);
  const offsetS = Math.max(-43_200, Math.min(50_400, Math.round(user.synthetic.home.lon / 15) * 3600));
  const nowS = state.nowS();
  const localTodayMidnightS = Math.floor((nowS + offsetS) / 86_400) * 86_400 - offsetS;
  for (let day = 1; day <= days; day++) {
    const midnight = localTodayMidnightS - day * 86_400;
    for (const s of healthSummariesOfDay(userId, user.synthetic, midnight, offsetS, day)) {
      state.summaries.push({
        type: s.type,
        userId,
        uploadS: Math.min(nowS - 1, s.endS + UPLOAD_LAG_S),
        startS: s.startS,
        body: s.body,
      });
    }
  }
}
