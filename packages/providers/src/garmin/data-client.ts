import { systemClock } from '@syncwell/core';
import {
  ProviderError,
  type DataProvider,
  type ProviderSession,
  type ReadItem,
  type ReadPage,
  type ReadRequest,
  type WriteItem,
  type WriteResult,
} from '@syncwell/core';
import { z } from 'zod';
import type { DecodedWorkout } from '../formats/workout-file.js';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import type { HttpCall, HttpReply } from '../http/http-types.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { requestGarminBackfill } from './backfill-request.js';
import { GARMIN_SUMMARY_OF, garminFacts } from './facts.js';
import { backfillSpan, planPullWindow, type PullWindow } from './pull-window.js';
import { summaryItems } from './summary-items.js';
import { workoutItems } from './workout-items.js';

export interface GarminDataClientOptions {
  readonly apiBaseUrl: string;
  readonly decodeFit: (
    bytes: Uint8Array,
    source: { provider: 'garmin'; externalId: string },
  ) => DecodedWorkout;
  /** How far back the pull API is read, in days; older data only by backfill. Default 7 [U]. */
  readonly pullHorizonDays?: number;
  /** Cap of a backfill request, in days back from now. Default `facts.capabilities.backfillWindowDays`. */
  readonly backfillWindowDays?: number;
  /**
   * Seconds an upload is given to become readable before a window may end past it. Garmin's
   * processing lag is unknown [U]; 60 s keeps an incremental cursor from passing uploads still
   * in flight. 0 reads every finished second (simulators, tests).
   */
  readonly uploadSettleSeconds?: number;
  readonly concurrency?: number;
  readonly now?: () => Date;
}

const DAY_S = 86_400;

/**
 * Garmin delivers by PUSH/PING; this client reads the pull endpoints
 * (`GET /wellness-api/rest/{summaryType}?uploadStartTimeInSeconds=&uploadEndTimeInSeconds=`),
 * one ≤ 24 h upload window per page (see `pull-window.ts`). A range read older than the pull
 * horizon also REQUESTS a backfill once (202): Garmin then delivers that history later through
 * PUSH/PING, the webhook triggers a targeted sync, and the incremental cursor reads it.
 */
export class GarminDataClient implements DataProvider {
  readonly facts = garminFacts;
  private readonly horizonS: number;
  private readonly backfillS: number;
  private readonly settleS: number;
  private readonly now: () => Date;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: GarminDataClientOptions,
  ) {
    this.horizonS = (options.pullHorizonDays ?? 7) * DAY_S;
    this.backfillS =
      (options.backfillWindowDays ?? garminFacts.capabilities.backfillWindowDays ?? 30) * DAY_S;
    this.settleS = options.uploadSettleSeconds ?? 60;
    this.now = options.now ?? systemClock.now;
  }

  async read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    const { dataType } = request;
    if (!garminFacts.capabilities.readable.includes(dataType)) {
      throw new ProviderError('SW_ITEM_UNSUPPORTED_TYPE', `Garmin ${dataType} is not read by SyncWell`);
    }
    const summaryType = GARMIN_SUMMARY_OF[dataType];
    // Windows end (exclusive) at the current second at the latest: upload times are whole
    // seconds, so a second still running could gain uploads after we read it.
    const nowS = Math.floor(this.now().getTime() / 1000) - this.settleS;
    const notes: ReadItem[] = [];
    const old =
      request.cursor === null ? backfillSpan(request.range, nowS, this.horizonS, this.backfillS) : null;
    if (old !== null) {
      const refused = await requestGarminBackfill(
        this.http,
        this.options.apiBaseUrl,
        session,
        summaryType,
        old,
      );
      if (refused !== null) notes.push(refused);
    }
    const window = planPullWindow(request, nowS, this.horizonS);
    if (window === null) return { items: notes, nextCursor: null, hasMore: false };
    const items =
      dataType === 'workout'
        ? await workoutItems({
            activities: await this.pull(session, 'activities', window),
            files: await this.pull(session, 'activityFiles', window),
            ...(window.filter === undefined ? {} : { filter: window.filter }),
            apiBaseUrl: this.options.apiBaseUrl,
            concurrency: this.options.concurrency ?? 4,
            download: (url) => this.download(session, url),
            decodeFit: this.options.decodeFit,
          })
        : summaryItems(dataType, await this.pull(session, summaryType, window), window.filter);
    return { items: [...notes, ...items], nextCursor: window.nextCursor, hasMore: window.hasMore };
  }

  /** The Health API cannot write activities, steps or weight; `writable` is empty. */
  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(() => ({
        status: 'failed' as const,
        code: 'SW_ITEM_UNSUPPORTED_TYPE' as const,
        message: 'Garmin Health API data is read-only',
      })),
    );
  }

  private async pull(session: ProviderSession, summaryType: string, window: PullWindow): Promise<unknown[]> {
    const url = joinUrl(this.options.apiBaseUrl, `/wellness-api/rest/${summaryType}`);
    url.searchParams.set('uploadStartTimeInSeconds', String(window.startS));
    url.searchParams.set('uploadEndTimeInSeconds', String(window.endS));
    const reply = await this.authorized(session, { method: 'GET', url: url.toString() });
    return readJsonAs(reply, z.array(z.unknown()), `Garmin ${summaryType}`);
  }

  /** `GET /user/id`: answered for any live token, whatever permissions the user granted. */
  async checkAccess(session: ProviderSession): Promise<void> {
    await this.authorized(session, {
      method: 'GET',
      url: joinUrl(this.options.apiBaseUrl, '/wellness-api/rest/user/id').toString(),
    });
  }

  private async download(session: ProviderSession, url: string): Promise<Uint8Array> {
    const reply = await this.authorized(session, { method: 'GET', url, headers: { accept: '*/*' } });
    return reply.body;
  }

  private authorized(session: ProviderSession, call: HttpCall): Promise<HttpReply> {
    return withAuthRetry(session, (token) =>
      this.http.send({ ...call, headers: { ...call.headers, ...bearer(token) } }),
    );
  }
}
