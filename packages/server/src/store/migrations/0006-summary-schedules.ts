import type { Kysely, Migration } from 'kysely';

/**
 * Weekly summaries (issue 13): when each user's next summary is due in their time zone, and
 * which week was last sent. Only the fact that a summary was sent is stored, never its figures.
 */
export const summarySchedules: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('summary_schedules')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('next_due_at', 'bigint', (c) => c.notNull())
      .addColumn('last_sent_week', 'text')
      .addColumn('last_sent_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('summary_schedules_due_idx')
      .on('summary_schedules')
      .columns(['enabled', 'next_due_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('summary_schedules').execute();
  },
};
