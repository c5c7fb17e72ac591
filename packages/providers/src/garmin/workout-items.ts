import { SyncWellError, type ReadItem, type TimeRange } from '@syncwell/core';
import { withWarnings, type DecodedWorkout } from '../formats/workout-file.js';
import { mapWithConcurrency } from '../http/concurrency.js';
import { isGarminCallbackUrl } from './callback-url.js';
import { garminActivityToWorkout } from './mapping.js';
import { startsWithin } from './pull-window.js';
import { rawSummaryId } from './summary-items.js';
import {
  garminActivity,
  garminActivityFile,
  type GarminActivity,
  type GarminActivityFile,
} from './schemas.js';

export interface WorkoutItemsInput {
  readonly activities: readonly unknown[];
  readonly files: readonly unknown[];
  readonly filter?: TimeRange;
  readonly apiBaseUrl: string;
  readonly concurrency: number;
  /** GETs a callback URL with the user's token; returns the bytes. */
  readonly download: (url: string) => Promise<Uint8Array>;
  readonly decodeFit: (
    bytes: Uint8Array,
    source: { provider: 'garmin'; externalId: string },
  ) => DecodedWorkout;
}

/**
 * Joins one window's `activities` summaries with its `activityFiles` entries (by `activityId`,
 * else `summaryId`), downloads each FIT file and merges it. TCX/GPX files are not decoded here:
 * those workouts keep their summary only. A file whose activity is not in the same window is
 * left for the summary's own window (Garmin uploads both together in the cases we know of).
 */
export async function workoutItems(input: WorkoutItemsInput): Promise<ReadItem[]> {
  const files = new Map<string, GarminActivityFile>();
  for (const raw of input.files) {
    const parsed = garminActivityFile.safeParse(raw);
    if (parsed.success) files.set(parsed.data.activityId ?? parsed.data.summaryId, parsed.data);
  }
  const failures: ReadItem[] = [];
  const selected: GarminActivity[] = [];
  for (const raw of input.activities) {
    const parsed = garminActivity.safeParse(raw);
    if (!parsed.success) {
      failures.push({
        ok: false,
        externalId: rawSummaryId(raw) ?? 'unknown',
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: 'activity summary failed validation',
      });
    } else if (startsWithin(parsed.data.startTimeInSeconds, input.filter)) selected.push(parsed.data);
  }
  const items = await mapWithConcurrency(selected, input.concurrency, (activity) =>
    readOne(
      input,
      activity,
      files.get(activity.activityId ?? activity.summaryId) ?? files.get(activity.summaryId),
    ),
  );
  return [...failures, ...items];
}

async function readOne(
  input: WorkoutItemsInput,
  activity: GarminActivity,
  file: GarminActivityFile | undefined,
): Promise<ReadItem> {
  const externalId = activity.summaryId;
  let fit: DecodedWorkout | null = null;
  if (file?.fileType === 'FIT') {
    if (!isGarminCallbackUrl(file.callbackURL, input.apiBaseUrl)) {
      return {
        ok: false,
        externalId,
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: 'activity file URL is not on the Garmin API',
      };
    }
    const bytes = await input.download(file.callbackURL);
    try {
      fit = input.decodeFit(bytes, { provider: 'garmin', externalId });
    } catch (error) {
      const code = error instanceof SyncWellError ? error.code : 'SW_ITEM_CORRUPT_FILE';
      return {
        ok: false,
        externalId,
        code,
        message: error instanceof Error ? error.message : 'FIT unreadable',
      };
    }
  }
  const mapped = garminActivityToWorkout(activity, fit?.workout ?? null);
  return mapped.ok
    ? { ok: true, record: mapped.record, ...withWarnings(fit?.warnings) }
    : { ok: false, externalId, code: 'SW_ITEM_INVALID_PAYLOAD', message: mapped.message };
}
