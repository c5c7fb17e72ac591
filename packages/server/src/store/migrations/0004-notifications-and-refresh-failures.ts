import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The in-app inbox (DESIGN §10 `/v1/notifications`) and the tally of failed token refreshes
 * that turns a connection `exhausted` after failures on several days (issue 4 item 8).
 * Neither table has a column that could hold a health value or a token.
 */
export const notificationsAndRefreshFailures: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('connection_id', 'text', (c) => c.references('connections.id').onDelete('cascade'))
      .addColumn('rule_id', 'text', (c) => c.references('rules.id').onDelete('cascade'))
      .addColumn('run_id', 'text', (c) => c.references('runs.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('notifications_user_idx')
      .on('notifications')
      .columns(['user_id', 'created_at'])
      .execute();
    // One open notification per connection and kind: a connection failing every hour must not
    // fill the inbox. Both engines accept a partial unique index and treat NULLs as distinct,
    // so run notifications (no connection) are never merged.
    await db.schema
      .createIndex('notifications_open_unique')
      .on('notifications')
      .columns(['connection_id', 'kind'])
      .unique()
      .where(sql.ref('read_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('connection_refresh_failures')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('token_version', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('connection_refresh_failures_pk', ['connection_id', 'token_version', 'day'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('connection_refresh_failures').execute();
    await db.schema.dropTable('notifications').execute();
  },
};
