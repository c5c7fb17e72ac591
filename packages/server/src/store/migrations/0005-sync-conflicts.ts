import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Conflict descriptors (DESIGN §5, issue 4 item 5): rule, type, time slot, the source's external
 * id and the destination's record id, status and the user's choice. No column can hold a health
 * value: the app fetches both sides live to show them.
 */
export const syncConflicts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sync_conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull().references('rules.id').onDelete('cascade'))
      .addColumn('data_type', 'text', (c) => c.notNull())
      .addColumn('range_from', 'bigint', (c) => c.notNull())
      .addColumn('range_to', 'bigint', (c) => c.notNull())
      .addColumn('source_external_id', 'text', (c) => c.notNull())
      .addColumn('destination_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('detected_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('applied_at', 'bigint')
      .execute();
    // One unapplied conflict per source record: runs that see it again add nothing, and two
    // workers racing to record it leave one row. Applied ones (applied_at set) are history.
    await db.schema
      .createIndex('sync_conflicts_pending_unique')
      .on('sync_conflicts')
      .columns(['rule_id', 'data_type', 'source_external_id'])
      .unique()
      .where(sql.ref('applied_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('sync_conflicts_rule_status_idx')
      .on('sync_conflicts')
      .columns(['rule_id', 'status'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('sync_conflicts').execute();
  },
};
