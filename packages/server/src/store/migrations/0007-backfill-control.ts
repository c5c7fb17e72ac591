import { epochMs, systemClock } from '@syncwell/core';
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Backfills that always end and can be steered, and runs that coalesce (issue 8 §3, §4):
 * - runs.backfill_id groups a backfill's chunk runs under it (GET /v1/runs?backfillId=);
 * - one queued-or-running live run per rule, and one running-or-paused backfill per rule, each
 *   held by a partial unique index so concurrent requests (api copies included) make one;
 * - a backfill remembers the window asked for and any clamp applied to it;
 * - a chunk keeps its provider cursor per data type (a resumed chunk goes on where it stopped),
 *   how many executions it had and how many in a row made no progress, why it ended, and its
 *   record counts by outcome;
 * - a notification may point at a backfill and name a missing provider permission.
 * Ids, counts, codes and provider cursors only: no column can hold a health value.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Each column its own statement: SQLite's ALTER TABLE adds one column at a time. */
async function addColumns(
  db: AnyDb,
  table: string,
  columns: readonly [string, 'text' | 'bigint' | 'integer', 'zero' | 'empty-list' | null][],
): Promise<void> {
  for (const [name, type, fill] of columns) {
    await db.schema
      .alterTable(table)
      .addColumn(name, type, (c) =>
        fill === 'zero' ? c.notNull().defaultTo(0) : fill === 'empty-list' ? c.notNull().defaultTo('[]') : c,
      )
      .execute();
  }
}

export const backfillControl: Migration = {
  async up(db: AnyDb) {
    await addColumns(db, 'runs', [['backfill_id', 'text', null]]);
    await db.schema.createIndex('runs_backfill_idx').on('runs').column('backfill_id').execute();
    await sql`update runs set backfill_id = (select c.backfill_id from backfill_chunks c where c.run_id = runs.id)
              where trigger = 'backfill'`.execute(db);

    // Before the unique indexes: earlier versions could leave two active rows for one rule
    // (a race between the scheduler and a manual sync). The oldest keeps going; the others end
    // cancelled (what they committed stays). Their finish time is when this upgrade ran.
    const now = epochMs(systemClock);
    await sql`update runs set status = 'cancelled', finished_at = ${now}
              where status in ('queued', 'running') and trigger <> 'backfill'
                and exists (select 1 from runs older where older.rule_id = runs.rule_id
                  and older.status in ('queued', 'running') and older.trigger <> 'backfill'
                  and (older.created_at < runs.created_at
                       or (older.created_at = runs.created_at and older.id < runs.id)))`.execute(db);
    await db.schema
      .createIndex('runs_one_active_live_per_rule')
      .on('runs')
      .column('rule_id')
      .unique()
      .where(sql<boolean>`status in ('queued', 'running') and trigger <> 'backfill'`)
      .execute();

    await addColumns(db, 'backfills', [
      ['requested_from', 'bigint', null],
      ['requested_to', 'bigint', null],
      ['clamps', 'text', 'empty-list'],
    ]);
    await sql`update backfills set status = 'cancelled', finished_at = ${now}
              where status = 'running'
                and exists (select 1 from backfills older where older.rule_id = backfills.rule_id
                  and older.status = 'running'
                  and (older.created_at < backfills.created_at
                       or (older.created_at = backfills.created_at and older.id < backfills.id)))`.execute(
      db,
    );
    await db.schema
      .createIndex('backfills_one_active_per_rule')
      .on('backfills')
      .column('rule_id')
      .unique()
      .where(sql<boolean>`status in ('running', 'paused')`)
      .execute();

    await addColumns(db, 'backfill_chunks', [
      ['cursor', 'text', null],
      ['executions', 'integer', 'zero'],
      ['stalls', 'integer', 'zero'],
      ['reason', 'text', null],
      ['permission', 'text', null],
      ['written', 'integer', 'zero'],
      ['skipped', 'integer', 'zero'],
      ['failed', 'integer', 'zero'],
    ]);

    await db.schema
      .alterTable('notifications')
      .addColumn('backfill_id', 'text', (c) => c.references('backfills.id').onDelete('cascade'))
      .execute();
    await addColumns(db, 'notifications', [['permission', 'text', null]]);
  },

  async down(db: AnyDb) {
    await db.schema.dropIndex('backfills_one_active_per_rule').execute();
    await db.schema.dropIndex('runs_one_active_live_per_rule').execute();
    await db.schema.dropIndex('runs_backfill_idx').execute();
    for (const [table, columns] of [
      ['notifications', ['permission', 'backfill_id']],
      [
        'backfill_chunks',
        ['failed', 'skipped', 'written', 'permission', 'reason', 'stalls', 'executions', 'cursor'],
      ],
      ['backfills', ['clamps', 'requested_to', 'requested_from']],
      ['runs', ['backfill_id']],
    ] as const) {
      for (const column of columns) await db.schema.alterTable(table).dropColumn(column).execute();
    }
  },
};
