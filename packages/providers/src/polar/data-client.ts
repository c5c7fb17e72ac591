import {
  ProviderError,
  SyncWellError,
  type DataProvider,
  type ProviderSession,
  type ReadItem,
  type ReadPage,
  type ReadRequest,
  type WriteItem,
  type WriteResult,
} from '@syncwell/core';
import { z } from 'zod';
import { withWarnings, type DecodedWorkout } from '../formats/workout-file.js';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import { mapWithConcurrency } from '../http/concurrency.js';
import type { HttpCall, HttpReply } from '../http/http-types.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { polarFacts } from './facts.js';
import { polarExerciseToWorkout, polarStartUtcMs, polarUtcMs } from './mapping.js';
import { polarExercise, type PolarExercise } from './schemas.js';

export interface PolarDataClientOptions {
  readonly apiBaseUrl: string;
  readonly decodeFit: (
    bytes: Uint8Array,
    source: { provider: 'polar'; externalId: string },
  ) => DecodedWorkout;
  readonly concurrency?: number;
}

/**
 * Polar exercises through the non-transactional API. `/v3/exercises` has no date filter and
 * lists recent data only, so one read is one page: the cursor is the newest `upload_time` seen
 * (late uploads of old trainings are still caught), and range reads filter on start time.
 */
export class PolarDataClient implements DataProvider {
  readonly facts = polarFacts;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: PolarDataClientOptions,
  ) {}

  async read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    if (request.dataType !== 'workout') {
      throw new ProviderError(
        'SW_ITEM_UNSUPPORTED_TYPE',
        `Polar ${request.dataType} is not read by SyncWell`,
      );
    }
    const reply = await this.authorized(session, {
      method: 'GET',
      url: joinUrl(this.options.apiBaseUrl, '/v3/exercises'),
    });
    const listed = readJsonAs(reply, z.array(z.unknown()), 'Polar exercise list');
    const storedMs = request.cursor === null ? Number.NaN : polarUtcMs(request.cursor);
    // An unreadable cursor re-reads the (short) recent list instead of never advancing.
    const cursorMs = Number.isNaN(storedMs) ? Number.NEGATIVE_INFINITY : storedMs;
    const failures: ReadItem[] = [];
    const selected: PolarExercise[] = [];
    let newestUploadMs = Number.NEGATIVE_INFINITY;
    for (const raw of listed) {
      // Read the upload time before validating, so a broken record is reported once, not every run.
      const uploadMs = rawUploadMs(raw);
      if (uploadMs > newestUploadMs) newestUploadMs = uploadMs;
      const isNew = !(uploadMs <= cursorMs);
      const parsed = polarExercise.safeParse(raw);
      if (!parsed.success) {
        if (request.range === undefined && isNew) {
          failures.push({
            ok: false,
            externalId: rawId(raw),
            code: 'SW_ITEM_INVALID_PAYLOAD',
            message: 'exercise summary failed validation',
          });
        }
        continue;
      }
      if (request.range === undefined ? !isNew : !startsWithin(parsed.data, request.range)) continue;
      selected.push(parsed.data);
    }
    const items = await mapWithConcurrency(selected, this.options.concurrency ?? 4, (exercise) =>
      this.readExercise(session, exercise),
    );
    // NaN upload times never compare greater, so they cannot move the cursor.
    const advanced = request.range === undefined && newestUploadMs > cursorMs;
    return {
      items: [...failures, ...items],
      nextCursor: advanced ? new Date(newestUploadMs).toISOString() : null,
      hasMore: false,
    };
  }

  /** Polar offers no write API for health data; `facts.capabilities.writable` is empty. */
  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(() => ({
        status: 'failed' as const,
        code: 'SW_ITEM_UNSUPPORTED_TYPE' as const,
        message: 'Polar is read-only',
      })),
    );
  }

  private async readExercise(session: ProviderSession, exercise: PolarExercise): Promise<ReadItem> {
    const externalId = exercise.id;
    let fit: DecodedWorkout | null = null;
    const reply = await this.authorized(session, {
      method: 'GET',
      url: joinUrl(this.options.apiBaseUrl, `/v3/exercises/${encodeURIComponent(externalId)}/fit`),
      headers: { accept: '*/*' },
      // Manual entries have no file: the summary alone makes the workout.
      allowStatuses: [204, 404],
    });
    if (reply.status === 200 && reply.body.length > 0) {
      try {
        fit = this.options.decodeFit(reply.body, { provider: 'polar', externalId });
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
    const mapped = polarExerciseToWorkout(exercise, fit?.workout ?? null);
    return mapped.ok
      ? { ok: true, record: mapped.workout, ...withWarnings(fit?.warnings) }
      : { ok: false, externalId, code: 'SW_ITEM_INVALID_PAYLOAD', message: mapped.message };
  }

  private authorized(session: ProviderSession, call: HttpCall): Promise<HttpReply> {
    return withAuthRetry(session, (token) =>
      this.http.send({ ...call, headers: { ...call.headers, ...bearer(token) } }),
    );
  }
}

function startsWithin(exercise: PolarExercise, range: NonNullable<ReadRequest['range']>): boolean {
  const start = polarStartUtcMs(exercise.start_time, exercise.start_time_utc_offset);
  return start >= range.from.getTime() && start < range.to.getTime();
}

function rawUploadMs(raw: unknown): number {
  const upload =
    typeof raw === 'object' && raw !== null ? (raw as { upload_time?: unknown }).upload_time : undefined;
  return typeof upload === 'string' ? polarUtcMs(upload) : Number.NaN;
}

function rawId(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : 'unknown';
}
