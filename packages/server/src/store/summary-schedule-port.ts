/*
 * The store's side of weekly summaries (issue 13): a schedule per user in their time zone and
 * the fact that a week's summary was sent. No figure of a summary is ever stored.
 */

export interface SummaryScheduleRow {
  readonly userId: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  readonly enabled: boolean;
  readonly nextDueAt: Date;
  /** The local Monday (YYYY-MM-DD) of the last week whose summary was sent. */
  readonly lastSentWeek: string | null;
  readonly lastSentAt: Date | null;
}

/**
 * @example
 *   await store.upsertSummarySchedule({ userId, timeZone: 'Europe/Berlin', enabled: true, nextDueAt });
 *   for (const due of await store.claimDueSummaries(now, 100, 600_000)) send(due);
 */
export interface SummaryScheduleStore {
  getSummarySchedule(userId: string): Promise<SummaryScheduleRow | null>;
  upsertSummarySchedule(input: {
    userId: string;
    timeZone: string;
    enabled: boolean;
    nextDueAt: Date;
  }): Promise<SummaryScheduleRow>;
  /** Gives every user without a schedule one (zone and due time as given); returns how many. */
  addMissingSummarySchedules(timeZone: string, nextDueAt: Date): Promise<number>;
  /**
   * Takes up to `limit` enabled schedules due at `now` and moves them `leaseMs` ahead in the same
   * atomic step, like claimDueRules: scheduler copies never send one user's week twice at once.
   */
  claimDueSummaries(now: Date, limit: number, leaseMs: number): Promise<SummaryScheduleRow[]>;
  /** Records that `week`'s summary was sent and when the next is due. */
  markSummarySent(userId: string, week: string, sentAt: Date, nextDueAt: Date): Promise<void>;
}
