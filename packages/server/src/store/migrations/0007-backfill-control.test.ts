import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/postgres-test-support.js';
import { runMigrations } from './run-migrations.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// int8 as numbers, as the store's own pool reads them.
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8
      ? Number
      : (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
};

/**
 * Migration 0007 adds unique indexes that earlier data may break (two active live runs of one
 * rule, left by the scheduler racing a manual sync; two running backfills of one rule). On an
 * existing database the oldest keeps going and the others end cancelled, so the upgrade applies
 * instead of stopping the server at boot. Run on both engines.
 */
async function upgradeKeepsTheOldest(db: AnyDb): Promise<void> {
  await runMigrations(db, '0006-summary-schedules');
  await db
    .insertInto('users')
    .values({ id: 'u', email: 'u@example.org', password_hash: 'h', created_at: 1 })
    .execute();
  for (const [id, provider] of [
    ['c1', 'garmin'],
    ['c2', 'strava'],
  ]) {
    await db
      .insertInto('connections')
      .values({
        id,
        user_id: 'u',
        provider,
        external_user_id: id,
        status: 'active',
        tokens_sealed: 'sealed',
        token_expires_at: null,
        token_version: 1,
        scopes: '[]',
        created_at: 1,
        updated_at: 1,
      })
      .execute();
  }
  await db
    .insertInto('rules')
    .values({
      id: 'r',
      user_id: 'u',
      source_connection_id: 'c1',
      destination_connection_id: 'c2',
      data_types: '["workout"]',
      conflict_strategy: 'source_wins',
      interval_minutes: 60,
      enabled: 1,
      next_run_at: null,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  const run = (id: string, trigger: string, status: string, createdAt: number) => ({
    id,
    rule_id: 'r',
    user_id: 'u',
    trigger,
    status,
    items_read: 0,
    items_written: 0,
    items_skipped: 0,
    items_failed: 0,
    error_code: null,
    created_at: createdAt,
    started_at: null,
    finished_at: null,
  });
  await db
    .insertInto('runs')
    .values([
      run('oldest', 'scheduled', 'queued', 1),
      run('second', 'manual', 'running', 2),
      run('third', 'webhook', 'queued', 3),
      run('chunk', 'backfill', 'queued', 4),
    ])
    .execute();
  const backfill = (id: string, createdAt: number) => ({
    id,
    rule_id: 'r',
    user_id: 'u',
    data_types: '["workout"]',
    range_from: 0,
    range_to: 1,
    status: 'running',
    created_at: createdAt,
    updated_at: createdAt,
    finished_at: null,
  });
  await db
    .insertInto('backfills')
    .values([backfill('b1', 1), backfill('b2', 2)])
    .execute();
  await db
    .insertInto('backfill_chunks')
    .values({
      id: 'k',
      backfill_id: 'b2',
      rule_id: 'r',
      seq: 0,
      range_from: 0,
      range_to: 1,
      status: 'running',
      run_id: 'chunk',
      records: 0,
      checkpoint: 0,
      updated_at: 1,
    })
    .execute();

  expect(await runMigrations(db, '0007-backfill-control')).toEqual(['0007-backfill-control']);
  const runs = await db.selectFrom('runs').select(['id', 'status', 'backfill_id']).orderBy('id').execute();
  expect(runs).toEqual([
    { id: 'chunk', status: 'queued', backfill_id: 'b2' },
    { id: 'oldest', status: 'queued', backfill_id: null },
    { id: 'second', status: 'cancelled', backfill_id: null },
    { id: 'third', status: 'cancelled', backfill_id: null },
  ]);
  const backfills = await db
    .selectFrom('backfills')
    .select(['id', 'status', 'clamps'])
    .orderBy('id')
    .execute();
  expect(backfills).toEqual([
    { id: 'b1', status: 'running', clamps: '[]' },
    { id: 'b2', status: 'cancelled', clamps: '[]' },
  ]);
}

describe('migration 0007 on a database with active duplicates', () => {
  it('sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncwell-0007-'));
    const db: AnyDb = new Kysely({ dialect: new SqliteDialect({ database: new Database(join(dir, 'db')) }) });
    try {
      await upgradeKeepsTheOldest(db);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('postgres', async () => {
    const testDb = await createTestDatabase();
    const db: AnyDb = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: testDb.url,
          max: 2,
          types,
        }),
      }),
    });
    try {
      await upgradeKeepsTheOldest(db);
    } finally {
      await db.destroy();
      await testDb.drop();
    }
  });
});
