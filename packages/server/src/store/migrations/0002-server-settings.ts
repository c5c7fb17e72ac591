import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Small server-wide facts that are not user data: today the vault check (a sealed constant that
 * proves the configured master key is the one the stored tokens were sealed with).
 */
export const serverSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull().defaultTo(sql`0`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('server_settings').execute();
  },
};
