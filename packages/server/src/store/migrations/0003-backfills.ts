import type { Kysely, Migration } from 'kysely';

/*
 * Historical backfill (DESIGN §4): a backfill is a window of a rule's history split into chunks;
 * each chunk is run by one run row (trigger 'backfill'), so its items and codes read like any
 * run's. Only ids, time bounds and counts: no health value is stored here.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const backfills: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('backfills')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull().references('rules.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('data_types', 'text', (c) => c.notNull())
      .addColumn('range_from', 'bigint', (c) => c.notNull())
      .addColumn('range_to', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema.createIndex('backfills_rule_idx').on('backfills').column('rule_id').execute();
    await db.schema.createIndex('backfills_user_idx').on('backfills').column('user_id').execute();

    // run_id has no foreign key: runs are pruned with their rule, which cascades here anyway.
    await db.schema
      .createTable('backfill_chunks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('backfill_id', 'text', (c) => c.notNull().references('backfills.id').onDelete('cascade'))
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('range_from', 'bigint', (c) => c.notNull())
      .addColumn('range_to', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      .addColumn('records', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('checkpoint', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('backfill_chunks_seq_unique', ['backfill_id', 'seq'])
      .execute();
    await db.schema.createIndex('backfill_chunks_run_idx').on('backfill_chunks').column('run_id').execute();
    // "Which windows of this rule are done?" when a new backfill fetches only the gap.
    await db.schema
      .createIndex('backfill_chunks_rule_status_idx')
      .on('backfill_chunks')
      .columns(['rule_id', 'status'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('backfill_chunks').execute();
    await db.schema.dropTable('backfills').execute();
  },
};
