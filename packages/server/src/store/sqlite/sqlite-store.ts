import { epochMs, systemClock } from '@syncwell/core';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { MetadataStore } from '../port.js';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { StoreDatabase } from '../kysely/store-schema.js';
import { runMigrations } from '../migrations/run-migrations.js';
import { createPrivateFile, DATA_DIR_MODE } from '../../runtime/data-dir.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a throwaway database. */
  readonly filename: string;
  /** Milliseconds to wait on a lock held by another process (api and worker may share the file). */
  readonly busyTimeoutMs?: number;
  /** Clock for created_at, expiries and due checks; tests pass a fake one. */
  readonly now?: () => number;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The embedded default: one SQLite file, migrated on open. */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<MetadataStore> {
  if (options.filename !== ':memory:') {
    // Sealed tokens live in this file: owner-only from the first byte, whatever the umask.
    mkdirSync(dirname(options.filename), { recursive: true, mode: DATA_DIR_MODE });
    createPrivateFile(options.filename);
  }
  const sqlite = new Database(options.filename);
  // WAL lets the API read while a worker commits; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  sqlite.pragma('synchronous = NORMAL');

  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await runMigrations(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore({
    db,
    now: options.now ?? (() => epochMs(systemClock)),
    newId: randomUUID,
    isUniqueViolation,
  });
}
