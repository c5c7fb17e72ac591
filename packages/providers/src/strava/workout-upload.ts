import { ProviderError, type Workout, type WriteItem, type WriteResult } from '@syncwell/core';
import { lossyChangeWarnings, type EncodedWorkout, type FieldChange } from '../formats/workout-file.js';
import { joinUrl } from '../http/basic-auth.js';
import type { HttpCall, HttpReply } from '../http/http-types.js';
import { readJsonAs } from '../http/json-body.js';
import { stravaUpload } from './schemas.js';
import { uploadOutcome } from './upload-outcome.js';

export interface WorkoutUploadDeps {
  readonly apiBaseUrl: string;
  readonly uploadPollIntervalMs: number;
  readonly uploadPollAttempts: number;
  readonly encodeFit: (workout: Workout) => EncodedWorkout<Uint8Array>;
  /** Sends with the session's token (and its 401 refresh). */
  readonly send: (call: HttpCall) => Promise<HttpReply>;
}

/**
 * One workout → `POST /uploads` (FIT, our tag as `external_id`) → poll `GET /uploads/{id}`
 * until Strava has made an activity of it or refused it. Provider-wide failures (429, 5xx,
 * auth) propagate: the write intent stays open and is settled later through `findByTag`.
 */
export async function uploadWorkout(item: WriteItem, deps: WorkoutUploadDeps): Promise<WriteResult> {
  const { record, tag } = item;
  if (record.type !== 'workout') {
    return {
      status: 'failed',
      code: 'SW_ITEM_UNSUPPORTED_TYPE',
      message: `Strava stores workouts, not ${record.type}`,
    };
  }
  let encoded: EncodedWorkout<Uint8Array>;
  try {
    encoded = deps.encodeFit(record);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown reason';
    return {
      status: 'failed',
      code: 'SW_ITEM_INVALID_PAYLOAD',
      message: `cannot encode workout as FIT: ${reason}`,
    };
  }
  const form = new FormData();
  form.set(
    'file',
    new Blob([new Uint8Array(encoded.data)], { type: 'application/octet-stream' }),
    `${tag}.fit`,
  );
  form.set('data_type', 'fit');
  form.set('external_id', tag);
  form.set('name', record.name ?? defaultName(record));
  try {
    const created = await deps.send({
      method: 'POST',
      url: joinUrl(deps.apiBaseUrl, '/uploads'),
      body: form,
    });
    let upload = readJsonAs(created, stravaUpload, 'Strava upload');
    for (let attempt = 0; ; attempt += 1) {
      const outcome = uploadOutcome(upload);
      // What FIT could not hold as given (a clamp, a dropped field) travels with the result.
      if (outcome !== 'processing') return withChanges(outcome, encoded.changes);
      if (attempt >= deps.uploadPollAttempts) {
        return {
          status: 'failed',
          code: 'SW_PROVIDER_TIMEOUT',
          message: `upload ${upload.id} still processing after ${attempt} polls`,
        };
      }
      await sleep(deps.uploadPollIntervalMs);
      const polled = await deps.send({
        method: 'GET',
        url: joinUrl(deps.apiBaseUrl, `/uploads/${upload.id}`),
      });
      upload = readJsonAs(polled, stravaUpload, 'Strava upload status');
    }
  } catch (error) {
    if (error instanceof ProviderError && error.retryClass === 'skip') {
      return { status: 'failed', code: 'SW_ITEM_REJECTED_BY_DESTINATION', message: error.message };
    }
    throw error;
  }
}

function withChanges(result: WriteResult, changes: readonly FieldChange[]): WriteResult {
  // FIT has no name field; the upload form carries it, so Strava does not lose it.
  const warnings = lossyChangeWarnings(changes.filter((c) => c.field !== 'name'));
  return result.status === 'written' && warnings.length > 0 ? { ...result, warnings } : result;
}

function defaultName(workout: Workout): string {
  const sport = workout.sport.replaceAll('_', ' ');
  return sport.charAt(0).toUpperCase() + sport.slice(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
