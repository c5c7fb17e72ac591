import type { Kysely, Migration } from 'kysely';

/*
 * Portable on purpose: text ids, bigint epoch-ms times, integer booleans, JSON as text, and
 * only constraints both SQLite and PostgreSQL understand. Never store a health value here.
 */

// Kysely<any> is how migrations are typed: they must not depend on today's schema types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function createAccounts(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('refresh_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('refresh_sessions_user_idx').on('refresh_sessions').column('user_id').execute();

  await db.schema
    .createTable('oauth_states')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('code_verifier_sealed', 'text')
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_states_user_idx').on('oauth_states').column('user_id').execute();
}

async function createConnectionsAndRules(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('external_user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tokens_sealed', 'text', (c) => c.notNull())
    .addColumn('token_expires_at', 'bigint')
    .addColumn('token_version', 'integer', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('connections_account_unique', ['provider', 'external_user_id', 'user_id'])
    .execute();
  await db.schema.createIndex('connections_user_idx').on('connections').column('user_id').execute();

  await db.schema
    .createTable('rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source_connection_id', 'text', (c) =>
      c.notNull().references('connections.id').onDelete('cascade'),
    )
    .addColumn('destination_connection_id', 'text', (c) =>
      c.notNull().references('connections.id').onDelete('cascade'),
    )
    .addColumn('data_types', 'text', (c) => c.notNull())
    .addColumn('conflict_strategy', 'text', (c) => c.notNull())
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rules_due_idx').on('rules').columns(['enabled', 'next_run_at']).execute();
  await db.schema.createIndex('rules_user_idx').on('rules').column('user_id').execute();
  await db.schema.createIndex('rules_source_idx').on('rules').column('source_connection_id').execute();
  await db.schema
    .createIndex('rules_destination_idx')
    .on('rules')
    .column('destination_connection_id')
    .execute();
}

async function createRuns(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('runs_user_idx').on('runs').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('runs_rule_idx').on('runs').columns(['rule_id', 'status']).execute();
  // The start-up sweep and "anything in flight?" both ask by status.
  await db.schema.createIndex('runs_status_idx').on('runs').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('run_items')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('destination_id', 'text')
    .addColumn('message', 'text')
    .addPrimaryKeyConstraint('run_items_pk', ['run_id', 'seq'])
    .execute();
}

async function createSyncState(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sync_cursors')
    .addColumn('rule_id', 'text', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['rule_id', 'data_type'])
    .execute();

  // rule_id has no foreign key: deleting a rule must not forget what we wrote to a destination,
  // or a recreated rule would write duplicates and lose loop prevention (DESIGN §5).
  await db.schema
    .createTable('sync_ledger')
    .addColumn('destination_connection_id', 'text', (c) =>
      c.notNull().references('connections.id').onDelete('cascade'),
    )
    .addColumn('identity_key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('content_key', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('destination_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_ledger_pk', ['destination_connection_id', 'identity_key'])
    .execute();
  await db.schema.createIndex('sync_ledger_tag_idx').on('sync_ledger').column('tag').execute();
  await db.schema
    .createIndex('sync_ledger_rule_status_idx')
    .on('sync_ledger')
    .columns(['rule_id', 'status'])
    .execute();

  await db.schema
    .createTable('rule_fences')
    .addColumn('rule_id', 'text', (c) => c.primaryKey().references('rules.id').onDelete('cascade'))
    .addColumn('token', 'bigint', (c) => c.notNull())
    .execute();
}

export const initialSchema: Migration = {
  async up(db: AnyDb) {
    await createAccounts(db);
    await createConnectionsAndRules(db);
    await createRuns(db);
    await createSyncState(db);
  },
  async down(db: AnyDb) {
    const tables = [
      'rule_fences',
      'sync_ledger',
      'sync_cursors',
      'run_items',
      'runs',
      'rules',
      'connections',
    ];
    for (const table of [...tables, 'oauth_states', 'refresh_sessions', 'users']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
