import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { DataType } from '@syncwell/core';
import { writeNarrative } from './narrative-writer.js';
import type { SummarySource } from './summary-source.js';
import { addDays, localDateIn, localMidnightUtc } from './time-zone.js';
import { aggregateWeek, type DateSpan, type WeeklyAggregates } from './weekly-aggregates.js';

/** A weekly summary as the API returns it. Computed on request; nothing of it is stored. */
export interface WeeklySummary {
  readonly timeZone: string;
  readonly week: DateSpan;
  readonly previousWeek: DateSpan;
  readonly aggregates: WeeklyAggregates;
  readonly text: string;
  readonly writer: 'template' | 'llm';
  readonly sources: readonly { readonly connectionId: string; readonly provider: string }[];
  readonly generatedAt: string;
}

export interface WeeklySummaryDeps {
  readonly source: SummarySource;
  readonly model?: BaseChatModel;
  readonly now: () => Date;
}

const SUMMARY_TYPES: readonly DataType[] = ['daily_activity', 'sleep', 'workout', 'hrv', 'body_measurement'];
const DAY_MS = 86_400_000;

/**
 * The last seven complete local days (in the user's zone) against the seven before, read live
 * from every source the user connected. Records carry their own offset, so the read window has
 * a day of slack on each side and records are placed by their own local date.
 */
export async function computeWeeklySummary(deps: WeeklySummaryDeps, userId: string): Promise<WeeklySummary> {
  const now = deps.now();
  const timeZone = await deps.source.timeZoneOf(userId);
  const today = localDateIn(now.getTime(), timeZone);
  const week = { from: addDays(today, -7), to: addDays(today, -1) };
  const previousWeek = { from: addDays(today, -14), to: addDays(today, -8) };
  const read = await deps.source.readRecords(userId, SUMMARY_TYPES, {
    from: new Date(localMidnightUtc(previousWeek.from, timeZone) - DAY_MS),
    to: new Date(localMidnightUtc(today, timeZone) + DAY_MS),
  });
  const aggregates = aggregateWeek(
    read.flatMap((r) => r.records),
    week,
    previousWeek,
  );
  const narrative = await writeNarrative(aggregates, deps.model);
  return {
    timeZone,
    week,
    previousWeek,
    aggregates,
    text: narrative.text,
    writer: narrative.writer,
    sources: read.map((r) => ({ connectionId: r.connectionId, provider: r.provider })),
    generatedAt: now.toISOString(),
  };
}
