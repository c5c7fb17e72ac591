import {
  ProviderError,
  type DataProvider,
  type ProviderSession,
  type ReadItem,
  type ReadPage,
  type ReadRequest,
  type WriteItem,
  type WriteResult,
  type Workout,
} from '@syncwell/core';
import { z } from 'zod';
import { withWarnings, type EncodedWorkout } from '../formats/workout-file.js';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import { mapWithConcurrency } from '../http/concurrency.js';
import type { HttpCall, HttpReply } from '../http/http-types.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { encodePageCursor, positionFromCursor, type ActivityPosition } from './activity-cursor.js';
import { stravaFacts } from './facts.js';
import { stravaActivityToWorkout } from './mapping.js';
import {
  stravaDetailedActivity,
  stravaStreamSet,
  stravaSummaryActivity,
  type StravaStreamSet,
} from './schemas.js';
import { syncTagFromExternalId } from './sync-tag.js';
import { uploadWorkout } from './workout-upload.js';

export interface StravaDataClientOptions {
  readonly apiBaseUrl: string;
  readonly perPage: number;
  readonly uploadPollIntervalMs: number;
  readonly uploadPollAttempts: number;
  readonly encodeFit: (workout: Workout) => EncodedWorkout<Uint8Array>;
  /** Per-activity requests in flight during a page read. */
  readonly concurrency?: number;
}

const STREAM_KEYS = 'time,latlng,altitude,heartrate';
const FIND_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Strava workouts: reads `/athlete/activities` page by page (each activity completed with its
 * detail and streams), writes by FIT upload. See `activity-cursor.ts` for the cursor.
 */
export class StravaDataClient implements DataProvider {
  readonly facts = stravaFacts;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: StravaDataClientOptions,
  ) {}

  async read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    if (request.dataType !== 'workout') {
      throw new ProviderError('SW_ITEM_UNSUPPORTED_TYPE', `Strava has no ${request.dataType} data`);
    }
    const position = positionFromCursor(request.cursor, request.range);
    const listed = await this.listActivities(session, position);
    const inRange =
      request.range === undefined ? listed : listed.filter((raw) => startsWithin(raw, request.range));
    const items = await mapWithConcurrency(inRange, this.options.concurrency ?? 4, (raw) =>
      this.readActivity(session, raw),
    );
    const newest = listed.reduce<number>((max, raw) => Math.max(max, startEpoch(raw) ?? 0), position.newest);
    if (listed.length >= this.options.perPage) {
      return {
        items,
        nextCursor: encodePageCursor({ ...position, page: position.page + 1, newest }),
        hasMore: true,
      };
    }
    return { items, nextCursor: request.range === undefined ? String(newest) : null, hasMore: false };
  }

  async write(session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const item of items) {
      results.push(
        await uploadWorkout(item, { ...this.options, send: (call) => this.authorized(session, call) }),
      );
    }
    return results;
  }

  async findByTag(session: ProviderSession, item: WriteItem): Promise<string | null> {
    if (item.record.type !== 'workout') return null;
    const start = Date.parse(item.record.startTime);
    const range = { from: new Date(start - FIND_WINDOW_MS), to: new Date(start + FIND_WINDOW_MS) };
    for (
      let position = positionFromCursor(null, range);
      ;
      position = { ...position, page: position.page + 1 }
    ) {
      const listed = await this.listActivities(session, position);
      for (const raw of listed) {
        const parsed = stravaSummaryActivity.safeParse(raw);
        if (parsed.success && syncTagFromExternalId(parsed.data.external_id) === item.tag)
          return parsed.data.id;
      }
      if (listed.length < this.options.perPage) return null;
    }
  }

  /** `GET /athlete`: the cheapest call that needs the athlete's token (no scope beyond `read`). */
  async checkAccess(session: ProviderSession): Promise<void> {
    await this.authorized(session, { method: 'GET', url: joinUrl(this.options.apiBaseUrl, '/athlete') });
  }

  private async listActivities(session: ProviderSession, position: ActivityPosition): Promise<unknown[]> {
    const url = joinUrl(this.options.apiBaseUrl, '/athlete/activities');
    url.searchParams.set('after', String(position.after));
    if (position.before !== undefined) url.searchParams.set('before', String(position.before));
    url.searchParams.set('page', String(position.page));
    url.searchParams.set('per_page', String(this.options.perPage));
    const reply = await this.authorized(session, { method: 'GET', url });
    return readJsonAs(reply, z.array(z.unknown()), 'Strava activity list');
  }

  private async readActivity(session: ProviderSession, raw: unknown): Promise<ReadItem> {
    const summary = stravaSummaryActivity.safeParse(raw);
    const externalId = summary.success ? summary.data.id : rawId(raw);
    if (!summary.success) return invalid(externalId, 'activity summary failed validation');
    try {
      const detailReply = await this.authorized(session, {
        method: 'GET',
        url: joinUrl(this.options.apiBaseUrl, `/activities/${encodeURIComponent(externalId)}`),
      });
      const detail = stravaDetailedActivity.safeParse(
        readJsonAs(detailReply, z.unknown(), 'Strava activity'),
      );
      if (!detail.success) return invalid(externalId, 'activity detail failed validation');
      const streams = detail.data.manual === true ? null : await this.readStreams(session, externalId);
      const mapped = stravaActivityToWorkout(detail.data, streams);
      return mapped.ok
        ? { ok: true, record: mapped.workout, ...withWarnings(mapped.warnings) }
        : invalid(externalId, mapped.message);
    } catch (error) {
      // A record-level refusal (404: deleted meanwhile, private) skips the record; the rest aborts the page.
      if (error instanceof ProviderError && error.retryClass === 'skip') {
        return { ok: false, externalId, code: error.code, message: error.message };
      }
      throw error;
    }
  }

  private async readStreams(session: ProviderSession, activityId: string): Promise<StravaStreamSet | null> {
    const url = joinUrl(this.options.apiBaseUrl, `/activities/${encodeURIComponent(activityId)}/streams`);
    url.searchParams.set('keys', STREAM_KEYS);
    url.searchParams.set('key_by_type', 'true');
    const reply = await this.authorized(session, { method: 'GET', url, allowStatuses: [404] });
    if (reply.status === 404) return null;
    const parsed = stravaStreamSet.safeParse(readJsonAs(reply, z.unknown(), 'Strava streams'));
    // Streams only add the route; a malformed set loses the track, not the workout.
    return parsed.success ? parsed.data : null;
  }

  private authorized(session: ProviderSession, call: HttpCall): Promise<HttpReply> {
    return withAuthRetry(session, (token) =>
      this.http.send({ ...call, headers: { ...call.headers, ...bearer(token) } }),
    );
  }
}

function invalid(externalId: string, message: string): ReadItem {
  return { ok: false, externalId, code: 'SW_ITEM_INVALID_PAYLOAD', message };
}

function rawId(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : 'unknown';
}

function startEpoch(raw: unknown): number | undefined {
  const start =
    typeof raw === 'object' && raw !== null ? (raw as { start_date?: unknown }).start_date : undefined;
  const ms = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  // Strava starts are whole seconds; were one not, re-reading it beats skipping it (the ledger dedups).
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function startsWithin(raw: unknown, range: ReadRequest['range']): boolean {
  const epoch = startEpoch(raw);
  if (range === undefined || epoch === undefined) return true;
  return epoch * 1000 >= range.from.getTime() && epoch * 1000 < range.to.getTime();
}
