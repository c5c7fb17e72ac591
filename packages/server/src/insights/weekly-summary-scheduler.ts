import { addDays, isoWeekday, localDateIn, localMidnightUtc, type InsightsApi } from '@syncwell/insights';
import type { Logger } from 'pino';
import type { Notifier } from '../notifications/port.js';
import type { MetadataStore, SummaryScheduleRow } from '../store/port.js';
import { DEFAULT_TIME_ZONE } from './summary-adapter.js';

export interface WeeklySummarySchedulerOptions {
  readonly store: MetadataStore;
  readonly insights: Pick<InsightsApi, 'weeklySummary'>;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly tickMs?: number;
  /** Local hour of Monday at which the week's summary goes out. Default 8. */
  readonly sendHour?: number;
  readonly batchSize?: number;
}

/** A claimed schedule stays out of other copies' reach this long while its summary is made. */
const LEASE_MS = 10 * 60_000;
/** Users who signed up since the last look get a schedule (UTC until they set their zone). */
const ENROL_EVERY_MS = 3_600_000;

/** The next Monday `hour`:00 in the zone, strictly after `now`. */
export function nextSummaryDue(now: Date, timeZone: string, hour = 8): Date {
  const today = localDateIn(now.getTime(), timeZone);
  for (let days = 0; days <= 7; days++) {
    const date = addDays(today, days);
    if (isoWeekday(date) !== 1) continue;
    const at = localMidnightUtc(date, timeZone) + hour * 3_600_000;
    if (at > now.getTime()) return new Date(at);
  }
  return new Date(localMidnightUtc(addDays(today, 7), timeZone) + hour * 3_600_000);
}

/**
 * Weekly summaries per user, in their time zone: each Monday morning their summary is computed
 * (from their sources, live) and they are notified that it is ready. Only the fact that a week
 * was sent is stored. Copies of the scheduler share the work by leased claims, like rules.
 */
export class WeeklySummaryScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private lastEnrolMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WeeklySummarySchedulerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 5 * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** Sends what is due; returns how many summaries were sent. Never overlaps itself. */
  tick(): Promise<number> {
    this.ticking ??= this.sendDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async sendDue(): Promise<number> {
    const { store, logger } = this.options;
    const now = this.options.now();
    try {
      if (now.getTime() - this.lastEnrolMs >= ENROL_EVERY_MS) {
        await store.addMissingSummarySchedules(
          DEFAULT_TIME_ZONE,
          nextSummaryDue(now, DEFAULT_TIME_ZONE, this.options.sendHour),
        );
        this.lastEnrolMs = now.getTime();
      }
      const due = await store.claimDueSummaries(now, this.options.batchSize ?? 100, LEASE_MS);
      const sent = await Promise.all(due.map((schedule) => this.send(schedule, now)));
      return sent.filter(Boolean).length;
    } catch (error) {
      logger.error({ err: error }, 'weekly summary tick failed');
      return 0;
    }
  }

  private async send(schedule: SummaryScheduleRow, now: Date): Promise<boolean> {
    const { store, insights, notifier, logger } = this.options;
    const next = nextSummaryDue(now, schedule.timeZone, this.options.sendHour);
    try {
      const summary = await insights.weeklySummary({ userId: schedule.userId });
      const already = schedule.lastSentWeek === summary.week.from;
      // Nothing connected, or this week's was sent already: move on without a notification.
      if (!already && summary.sources.length > 0) {
        await notifier.notify({
          userId: schedule.userId,
          kind: 'weekly_summary',
          code: 'SW_INSIGHTS_SUMMARY_READY',
        });
      }
      await store.markSummarySent(schedule.userId, summary.week.from, now, next);
      return !already && summary.sources.length > 0;
    } catch (error) {
      // The claim's lease runs out and the next tick tries again (insights down, a source failing).
      logger.warn(
        { userId: schedule.userId, err: { message: (error as Error).message } },
        'weekly summary not sent',
      );
      return false;
    }
  }
}
