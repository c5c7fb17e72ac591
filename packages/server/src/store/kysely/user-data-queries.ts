import { sql, type RawBuilder } from 'kysely';
import { WITHHELD_COLUMNS, type UserDataPage } from '../user-data-page.js';
import type { StoreContext } from './store-context.js';

/**
 * How each table's rows belong to a user: a condition on the table (aliased `t`) and the columns
 * that order it. Every table of the schema is here or in SERVER_WIDE_TABLES; the deletion test
 * reads the live schema on both engines and fails on a table in neither, so a new table cannot
 * escape export and account deletion unnoticed.
 */
const OWNED_BY: Readonly<Record<string, { where: (userId: string) => RawBuilder<unknown>; order: string }>> =
  {
    users: { where: (u) => sql`t.id = ${u}`, order: 'id' },
    refresh_sessions: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    oauth_states: { where: (u) => sql`t.user_id = ${u}`, order: 'state' },
    connections: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    connection_refresh_failures: {
      where: (u) => sql`t.connection_id in (select id from connections where user_id = ${u})`,
      order: 'connection_id, token_version, day',
    },
    rules: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    rule_fences: {
      where: (u) => sql`t.rule_id in (select id from rules where user_id = ${u})`,
      order: 'rule_id',
    },
    sync_cursors: {
      where: (u) => sql`t.rule_id in (select id from rules where user_id = ${u})`,
      order: 'rule_id, data_type',
    },
    sync_ledger: {
      where: (u) => sql`t.destination_connection_id in (select id from connections where user_id = ${u})`,
      order: 'destination_connection_id, identity_key',
    },
    sync_conflicts: {
      where: (u) => sql`t.rule_id in (select id from rules where user_id = ${u})`,
      order: 'id',
    },
    runs: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    run_items: {
      where: (u) => sql`t.run_id in (select id from runs where user_id = ${u})`,
      order: 'run_id, seq',
    },
    backfills: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    backfill_chunks: {
      where: (u) => sql`t.backfill_id in (select id from backfills where user_id = ${u})`,
      order: 'id',
    },
    notifications: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    summary_schedules: { where: (u) => sql`t.user_id = ${u}`, order: 'user_id' },
    push_targets: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    notification_settings: { where: (u) => sql`t.user_id = ${u}`, order: 'user_id' },
    notice_states: { where: (u) => sql`t.user_id = ${u}`, order: 'subject' },
    notification_deliveries: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
    devices: { where: (u) => sql`t.user_id = ${u}`, order: 'id' },
  };

/** Tables that hold no user's data: server facts and the migrator's bookkeeping. */
export const SERVER_WIDE_TABLES: readonly string[] = [
  'server_settings',
  'kysely_migration',
  'kysely_migration_lock',
];

/** The tables whose rows belong to a user, in export order (parents first). */
export const USER_DATA_TABLES: readonly string[] = Object.keys(OWNED_BY);

export function userDataQueries(ctx: StoreContext) {
  const { db } = ctx;
  return {
    /**
     * Every row the store holds about a user, table by table in pages of `pageSize`, credentials
     * withheld: the GDPR export reads it as it streams, so memory stays at one page.
     */
    async *exportUserData(userId: string, pageSize = 500): AsyncGenerator<UserDataPage> {
      for (const [table, owned] of Object.entries(OWNED_BY)) {
        for (let offset = 0; ; offset += pageSize) {
          const result = await sql<
            Record<string, unknown>
          >`select t.* from ${sql.table(table)} as t where ${owned.where(userId)} order by ${sql.raw(owned.order)} limit ${pageSize} offset ${offset}`.execute(
            db,
          );
          const rows = result.rows.map(withoutCredentials);
          if (rows.length > 0) yield { table, rows };
          if (rows.length < pageSize) break;
        }
      }
    },

    async schemaTables(): Promise<string[]> {
      const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
      return tables.map((t) => t.name).sort();
    },

    /** Rows per user-data table that belong to the user (what account deletion must bring to 0). */
    async countUserData(userId: string): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const [table, owned] of Object.entries(OWNED_BY)) {
        const result = await sql<{
          n: number | string;
        }>`select count(*) as n from ${sql.table(table)} as t where ${owned.where(userId)}`.execute(db);
        counts[table] = Number(result.rows[0]?.n ?? 0);
      }
      return counts;
    },
  };
}

function withoutCredentials(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !WITHHELD_COLUMNS.includes(column)));
}
