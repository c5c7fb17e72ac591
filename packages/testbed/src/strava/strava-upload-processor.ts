import { gunzipSync } from 'node:zlib';
import type { Workout } from '@syncwell/core';
import { decodeWorkoutFit } from '@syncwell/providers';
import { activityFromWorkout } from './strava-workout-activity.js';
import { readGpx, readTcx, type TrackFileContext } from './xml-track-readers.js';
import type { StravaWorld } from './strava-world.js';

export const UPLOAD_DATA_TYPES = ['fit', 'fit.gz', 'tcx', 'tcx.gz', 'gpx', 'gpx.gz'] as const;
export type UploadDataType = (typeof UPLOAD_DATA_TYPES)[number];

export const UPLOAD_STATUS = {
  processing: 'Your activity is still being processed.',
  ready: 'Your activity is ready.',
  error: 'There was an error processing your activity.',
} as const;

export interface UploadRecord {
  readonly id: number;
  readonly athleteId: number;
  readonly externalId: string | null;
  status: string;
  error: string | null;
  activityId: number | null;
}

export interface UploadSubmission {
  readonly athleteId: number;
  readonly bytes: Uint8Array;
  readonly dataType: UploadDataType;
  readonly fileName: string;
  readonly externalId: string | null;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly trainer?: boolean | undefined;
  readonly commute?: boolean | undefined;
}

/** Reads one uploaded file into a workout; throws when it cannot. */
export type WorkoutFileReader = (bytes: Uint8Array, context: TrackFileContext) => Workout;

const DEFAULT_READERS: Readonly<Record<'fit' | 'tcx' | 'gpx', WorkoutFileReader>> = {
  // FIT carries its own local offset; the profile offset is only for formats without one.
  fit: (bytes, context) =>
    decodeWorkoutFit(bytes, { provider: 'strava', externalId: context.externalId }).workout,
  gpx: readGpx,
  tcx: readTcx,
};

/**
 * Strava's asynchronous upload pipeline: accept at once, then decode, check for duplicates and
 * create the activity after a delay, leaving the outcome for `GET /uploads/{id}` to report.
 */
export class StravaUploadProcessor {
  readonly #uploads = new Map<number, UploadRecord>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #nextId = 13_000_000_001;

  constructor(
    private readonly world: StravaWorld,
    private readonly processingMs: number,
    private readonly readers: Partial<Record<'fit' | 'tcx' | 'gpx', WorkoutFileReader>> = DEFAULT_READERS,
  ) {}

  submit(submission: UploadSubmission): UploadRecord {
    const upload: UploadRecord = {
      id: this.#nextId++,
      athleteId: submission.athleteId,
      externalId: submission.externalId,
      status: UPLOAD_STATUS.processing,
      error: null,
      activityId: null,
    };
    this.#uploads.set(upload.id, upload);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#process(upload, submission);
    }, this.processingMs);
    this.#timers.add(timer);
    return upload;
  }

  get(id: number): UploadRecord | undefined {
    return this.#uploads.get(id);
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #process(upload: UploadRecord, submission: UploadSubmission): void {
    const workout = this.#read(submission);
    if (workout === null) {
      upload.status = UPLOAD_STATUS.error;
      upload.error = UPLOAD_STATUS.error;
      return;
    }
    const startMs = Date.parse(workout.startTime);
    const duplicate = this.world.activities.findDuplicate(upload.athleteId, upload.externalId, startMs);
    if (duplicate !== undefined) {
      upload.status = UPLOAD_STATUS.error;
      upload.error = `${submission.fileName} duplicate of activity ${duplicate.id}`;
      return;
    }
    const activity = this.world.createActivity(
      activityFromWorkout(workout, {
        athleteId: upload.athleteId,
        name: submission.name,
        description: submission.description,
        trainer: submission.trainer,
        commute: submission.commute,
        externalId: upload.externalId,
        uploadId: upload.id,
      }),
    );
    upload.status = UPLOAD_STATUS.ready;
    upload.activityId = activity.id;
  }

  #read(submission: UploadSubmission): Workout | null {
    const [format, compression] = submission.dataType.split('.') as [
      'fit' | 'tcx' | 'gpx',
      string | undefined,
    ];
    const reader = this.readers[format];
    if (reader === undefined) return null;
    try {
      const bytes = compression === 'gz' ? new Uint8Array(gunzipSync(submission.bytes)) : submission.bytes;
      return reader(bytes, {
        externalId: submission.externalId ?? submission.fileName,
        utcOffsetMinutes: this.world.athlete(submission.athleteId)?.utcOffsetMinutes ?? 0,
      });
    } catch {
      return null;
    }
  }
}

/** The `Upload` JSON Strava returns from both `POST /uploads` and `GET /uploads/{id}`. */
export function uploadJson(upload: UploadRecord): Record<string, unknown> {
  return {
    id: upload.id,
    id_str: String(upload.id),
    external_id: upload.externalId,
    error: upload.error,
    status: upload.status,
    activity_id: upload.activityId,
  };
}
