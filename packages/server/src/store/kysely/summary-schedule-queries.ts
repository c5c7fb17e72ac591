import { sql } from 'kysely';
import type { SummaryScheduleRow, SummaryScheduleStore } from '../summary-schedule-port.js';
import type { StoreContext } from './store-context.js';

// A type alias, not an interface: Kysely's withTables wants implicit index signatures.
type SummarySchedulesTable = {
  user_id: string;
  time_zone: string;
  enabled: number;
  next_due_at: number;
  last_sent_week: string | null;
  last_sent_at: number | null;
  updated_at: number;
};

type SummaryTables = { summary_schedules: SummarySchedulesTable };

function toRow(r: SummarySchedulesTable): SummaryScheduleRow {
  return {
    userId: r.user_id,
    timeZone: r.time_zone,
    enabled: r.enabled === 1,
    nextDueAt: new Date(r.next_due_at),
    lastSentWeek: r.last_sent_week,
    lastSentAt: r.last_sent_at === null ? null : new Date(r.last_sent_at),
  };
}

export function summaryScheduleQueries(ctx: StoreContext): SummaryScheduleStore {
  const db = ctx.db.withTables<SummaryTables>();
  return {
    async getSummarySchedule(userId) {
      const row = await db
        .selectFrom('summary_schedules')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? null : toRow(row);
    },

    async upsertSummarySchedule(input) {
      const values = {
        user_id: input.userId,
        time_zone: input.timeZone,
        enabled: input.enabled ? 1 : 0,
        next_due_at: input.nextDueAt.getTime(),
        updated_at: ctx.now(),
      };
      const row = await db
        .insertInto('summary_schedules')
        .values(values)
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            time_zone: values.time_zone,
            enabled: values.enabled,
            next_due_at: values.next_due_at,
            updated_at: values.updated_at,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRow(row);
    },

    async addMissingSummarySchedules(timeZone, nextDueAt) {
      const result = await db
        .insertInto('summary_schedules')
        .columns(['user_id', 'time_zone', 'enabled', 'next_due_at', 'updated_at'])
        .expression((eb) =>
          eb
            .selectFrom('users')
            .select([
              'users.id',
              sql.lit(timeZone).as('time_zone'),
              sql.lit(1).as('enabled'),
              sql.lit(nextDueAt.getTime()).as('next_due_at'),
              sql.lit(ctx.now()).as('updated_at'),
            ])
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('summary_schedules')
                    .select('user_id')
                    .whereRef('summary_schedules.user_id', '=', 'users.id'),
                ),
              ),
            ),
        )
        .onConflict((oc) => oc.column('user_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    async claimDueSummaries(now, limit, leaseMs) {
      const at = now.getTime();
      const lease = { next_due_at: at + Math.max(0, Math.trunc(leaseMs)), updated_at: ctx.now() };
      const due = (q: typeof db) =>
        q
          .selectFrom('summary_schedules')
          .select('user_id')
          .where('enabled', '=', 1)
          .where('next_due_at', '<=', at)
          .orderBy('next_due_at')
          .limit(Math.max(0, Math.trunc(limit)));
      if (ctx.skipLocked !== true) {
        const rows = await db
          .updateTable('summary_schedules')
          .set(lease)
          .where('user_id', 'in', due(db))
          .returningAll()
          .execute();
        return rows.map(toRow);
      }
      return db.transaction().execute(async (trx) => {
        const ids = (await due(trx).forUpdate().skipLocked().execute()).map((r) => r.user_id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('summary_schedules')
          .set(lease)
          .where('user_id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toRow);
      });
    },

    async markSummarySent(userId, week, sentAt, nextDueAt) {
      await db
        .updateTable('summary_schedules')
        .set({
          last_sent_week: week,
          last_sent_at: sentAt.getTime(),
          next_due_at: nextDueAt.getTime(),
          updated_at: ctx.now(),
        })
        .where('user_id', '=', userId)
        .execute();
    },
  };
}
