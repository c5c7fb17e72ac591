import { systemClock } from '@syncwell/core';
import type {
  DataProvider,
  ProviderSession,
  ReadItem,
  ReadPage,
  ReadRequest,
  WriteItem,
  WriteResult,
} from '@syncwell/core';
import type { z } from 'zod';
import type { OuraCollectionReader } from './collection-reader.js';
import { ouraFacts } from './facts.js';
import {
  ouraDailyActivityToCanonical,
  ouraSleepToCanonical,
  ouraWorkoutToCanonical,
  isSleepPeriod,
} from './mapping.js';
import { addDays } from './offset-time.js';
import { decodeCursor, encodeCursor, finishedCursor, windowOf, type OuraCursor } from './read-cursor.js';
import { inRange, toReadItem, type MappedRecord } from './read-items.js';
import { ouraDailyActivity, ouraDailySpo2, ouraSleep, ouraWorkout } from './schemas.js';
import { OuraSampleReads } from './sample-reads.js';
import { ouraSpo2Day } from './vitals-mapping.js';

export interface OuraDataClientOptions {
  /** Days an incremental read with no cursor goes back; backfill uses ranges. Default 30. */
  readonly initialDays?: number;
  readonly now?: () => Date;
}

interface DocumentSpec<S extends z.ZodType> {
  readonly collection: string;
  readonly schema: S;
  /** Workouts are never re-delivered; daily documents are, because they keep growing. */
  readonly dedupe: boolean;
  map(items: z.infer<S>[], session: ProviderSession): Promise<MappedRecord[]>;
}

/**
 * Oura's read-only collections. Documents (workouts, daily activity, sleeps, daily SpO2) are read
 * one Oura page per `read`, the `next_token` riding in the cursor; sample types (heart rate, HRV)
 * read a whole window at once so a day is never split across pages (see `OuraSampleReads`).
 */
export class OuraDataClient implements DataProvider {
  readonly facts = ouraFacts;
  private readonly now: () => Date;
  private readonly initialDays: number;
  private readonly samples: OuraSampleReads;

  constructor(
    private readonly reader: OuraCollectionReader,
    options: OuraDataClientOptions = {},
  ) {
    this.now = options.now ?? systemClock.now;
    this.initialDays = options.initialDays ?? 30;
    this.samples = new OuraSampleReads(reader);
  }

  read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    const cursor = decodeCursor(request.cursor);
    const window = windowOf(request, cursor, this.now(), this.initialDays);
    switch (request.dataType) {
      case 'workout':
        return this.readDocuments(session, request, cursor, {
          collection: 'workout',
          schema: ouraWorkout,
          dedupe: true,
          map: (items) =>
            Promise.resolve(
              items.map((raw) => ({ id: raw.id, day: raw.day, mapped: ouraWorkoutToCanonical(raw) })),
            ),
        });
      case 'daily_activity':
        return this.readDocuments(session, request, cursor, {
          collection: 'daily_activity',
          schema: ouraDailyActivity,
          dedupe: false,
          map: (items) =>
            Promise.resolve(
              items.map((raw) => ({ id: raw.id, day: raw.day, mapped: ouraDailyActivityToCanonical(raw) })),
            ),
        });
      case 'sleep':
        return this.readDocuments(session, request, cursor, {
          collection: 'sleep',
          schema: ouraSleep,
          dedupe: false,
          map: (items) =>
            Promise.resolve(
              items
                .filter(isSleepPeriod)
                .map((raw) => ({ id: raw.id, day: raw.day, mapped: ouraSleepToCanonical(raw) })),
            ),
        });
      case 'spo2':
        return this.readDocuments(session, request, cursor, {
          collection: 'daily_spo2',
          schema: ouraDailySpo2,
          dedupe: false,
          map: (items, s) => this.placeSpo2(s, items),
        });
      case 'heart_rate':
        return this.samples.heartRate(session, request, window, this.now());
      case 'hrv':
        return this.samples.hrv(session, request, window, this.now());
      case 'body_measurement':
        // Oura keeps only the current weight in `personal_info`, with no time: not a measurement.
        return Promise.resolve({ items: [], nextCursor: null, hasMore: false });
    }
  }

  /** Oura has no write API for health data; `facts.capabilities.writable` is empty. */
  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(() => ({
        status: 'failed' as const,
        code: 'SW_ITEM_UNSUPPORTED_TYPE' as const,
        message: 'Oura is read-only',
      })),
    );
  }

  private async readDocuments<S extends z.ZodType>(
    session: ProviderSession,
    request: ReadRequest,
    cursor: OuraCursor,
    spec: DocumentSpec<S>,
  ): Promise<ReadPage> {
    const now = this.now();
    const window = windowOf(request, cursor, now, this.initialDays);
    const page = await this.reader.page(
      session,
      spec.collection,
      spec.schema,
      { start_date: window.start, end_date: window.end },
      cursor.page?.token ?? null,
    );
    const incremental = request.range === undefined;
    const seen = new Set(cursor.seen ?? []);
    const mapped = (await spec.map(page.items, session)).filter(
      (m) => !(spec.dedupe && incremental && seen.has(`${m.day} ${m.id}`)),
    );
    const items: ReadItem[] = [...page.failures];
    for (const m of mapped) {
      if (request.range !== undefined && m.mapped.ok && !inRange(m.mapped.record, request.range)) continue;
      items.push(toReadItem(m));
      if (spec.dedupe) seen.add(`${m.day} ${m.id}`);
    }
    if (page.nextToken !== null) {
      const next: OuraCursor = { ...cursor, seen: [...seen], page: { token: page.nextToken, ...window } };
      return { items, nextCursor: encodeCursor(next), hasMore: true };
    }
    return {
      items,
      nextCursor: incremental ? encodeCursor(finishedCursor(now, [...seen])) : null,
      hasMore: false,
    };
  }

  private async placeSpo2(
    session: ProviderSession,
    items: z.infer<typeof ouraDailySpo2>[],
  ): Promise<MappedRecord[]> {
    if (items.length === 0) return [];
    const days = items.map((i) => i.day).sort();
    const sleeps = await this.reader.all(session, 'sleep', ouraSleep, {
      start_date: addDays(days[0] ?? '', -1),
      end_date: addDays(days[days.length - 1] ?? '', 1),
    });
    return items.flatMap((raw) => {
      const mapped = ouraSpo2Day(raw, sleeps.items);
      return mapped === null ? [] : [{ id: raw.id, day: raw.day, mapped }];
    });
  }
}
