import type { Kysely, Migration } from 'kysely';

/**
 * Notification delivery (issue 11): push targets per user, preferences and quiet hours, the last
 * announced state per subject (one notice per state change), and the delivery outbox. Ids, kinds
 * and reason codes only; push addresses are where to deliver, not anything measured.
 */
export const notificationDelivery: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('push_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('p256dh', 'text')
      .addColumn('auth', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('push_targets_address_uq', ['channel', 'address'])
      .execute();
    await db.schema.createIndex('push_targets_user_idx').on('push_targets').column('user_id').execute();
    await db.schema
      .createTable('notification_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('disabled', 'text', (c) => c.notNull())
      .addColumn('quiet_start_minute', 'integer')
      .addColumn('quiet_end_minute', 'integer')
      .addColumn('time_zone', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('notice_states')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('notice_states_pk', ['user_id', 'subject'])
      .execute();
    await db.schema
      .createTable('notification_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('notice', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notification_deliveries_due_idx')
      .on('notification_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('notification_deliveries_user_idx')
      .on('notification_deliveries')
      .columns(['user_id', 'created_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('notification_deliveries').execute();
    await db.schema.dropTable('notice_states').execute();
    await db.schema.dropTable('notification_settings').execute();
    await db.schema.dropTable('push_targets').execute();
  },
};
