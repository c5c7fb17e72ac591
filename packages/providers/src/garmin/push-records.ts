import type { ReadItem } from '@syncwell/core';
import { garminActivityToWorkout } from './mapping.js';
import { summaryItems } from './summary-items.js';
import { garminSummaryTypeOf } from './facts.js';
import { garminActivity } from './schemas.js';

/**
 * Turns a verified PUSH body (`{"dailies":[…]}`, `{"activities":[…]}`, …) into records, for a
 * server that ingests pushed data instead of re-reading it. Activities come without their FIT
 * file (that is a separate `activityFiles` ping), so pushed workouts have no GPS track.
 * PING entries (a `callbackURL`, no data) yield nothing here.
 */
export function garminPushRecords(body: Readonly<Record<string, readonly unknown[]>>): ReadItem[] {
  const items: ReadItem[] = [];
  for (const [spelled, entries] of Object.entries(body)) {
    const summaryType = garminSummaryTypeOf(spelled);
    const data = entries.filter((e) => typeof e === 'object' && e !== null && !('callbackURL' in e));
    if (summaryType === 'activities' || summaryType === 'manuallyUpdatedActivities') {
      for (const raw of data) {
        const parsed = garminActivity.safeParse(raw);
        const mapped = parsed.success ? garminActivityToWorkout(parsed.data, null) : null;
        if (mapped?.ok === true) items.push({ ok: true, record: mapped.record });
        else {
          const id = (raw as { summaryId?: unknown }).summaryId;
          items.push({
            ok: false,
            externalId: typeof id === 'string' ? id : 'unknown',
            code: 'SW_ITEM_INVALID_PAYLOAD',
            message: mapped?.ok === false ? mapped.message : 'activity summary failed validation',
          });
        }
      }
    } else if (summaryType === 'dailies') {
      items.push(...summaryItems('daily_activity', data), ...summaryItems('heart_rate', data));
    } else if (summaryType === 'sleeps') items.push(...summaryItems('sleep', data));
    else if (summaryType === 'bodyComps') items.push(...summaryItems('body_measurement', data));
  }
  return items;
}
