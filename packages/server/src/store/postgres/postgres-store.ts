import { epochMs, systemClock } from '@syncwell/core';
import { randomUUID } from 'node:crypto';
import { SyncWellError } from '@syncwell/core';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { MetadataStore } from '../port.js';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { StoreDatabase } from '../kysely/store-schema.js';
import { runMigrations } from '../migrations/run-migrations.js';
import { describePostgresTarget, redactPassword } from './postgres-target.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; the password never reaches an error or a log. */
  readonly connectionString: string;
  /**
   * Connections in the pool. Default 20: a worker with hundreds of jobs in flight spends most
   * of each job waiting on providers, and every store call is one short statement or
   * transaction, so a few connections serve many jobs. Mind the server's max_connections
   * (default 100) times the number of processes.
   */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity, so an operator sees which role holds a connection. */
  readonly applicationName?: string;
  /** Milliseconds to open a connection, or to wait for a free one when all are busy. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Clock for created_at, expiries and due checks; tests pass a fake one. */
  readonly now?: () => number;
  /** Errors of idle pooled connections (server restart, network cut); pg drops the connection. */
  readonly onIdleError?: (error: Error) => void;
  /**
   * Counts every statement sent to the server (one per round trip, `begin`/`commit` included),
   * so tests and benchmarks can hold the hot path to a fixed number of statements per job.
   */
  readonly statements?: StatementCounter;
}

/** Incremented once per statement the store's pool sends; read and reset it freely. */
export interface StatementCounter {
  count: number;
}

/** A pg client that counts its statements into `counter` (pg's pool takes the class to use). */
function countingClient(counter: StatementCounter): typeof pg.Client {
  return class CountingClient extends pg.Client {
    // pg's query has many overloads; counting does not care which one is used.
    override query(...args: unknown[]): never {
      counter.count += 1;
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}

/** Times are epoch ms in int8 columns; pg returns int8 as text unless told otherwise. */
function parseInt8(text: string): number {
  const value = Number(text);
  // Refuse rather than round: a silently rounded id or time would be worse than an error.
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} does not fit a JS number`);
  return value;
}

// Per pool, not pg.types.setTypeParser: a global override would change other pg users in the process.
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8
      ? parseInt8
      : (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
};

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

function reasonOf(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const inner = Array.isArray(e?.errors) ? (e.errors[0] as { message?: unknown } | undefined) : undefined;
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : inner?.message;
  return {
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
    message: typeof message === 'string' ? message : String(error),
  };
}

/**
 * The production metadata store: PostgreSQL through a pg pool, with the same Kysely queries
 * and migrations as SQLite. Checks the connection and migrates on open; throws SW_NOT_READY
 * naming host, port and database (never the password) when the server cannot be reached.
 *
 * @example
 *   const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<MetadataStore> {
  const target = describePostgresTarget(options.connectionString);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 20,
    application_name: options.applicationName ?? 'syncwell',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    // A crashed client must not keep the fence or run rows locked for long.
    idle_in_transaction_session_timeout: 60_000,
    types,
    ...(options.statements === undefined ? {} : { Client: countingClient(options.statements) }),
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));

  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = reasonOf(error);
    throw new SyncWellError(
      'SW_NOT_READY',
      redactPassword(
        `PostgreSQL is not reachable at ${target.label}: ${reason.message}`,
        options.connectionString,
      ),
      { host: target.host, port: target.port, database: target.database, reason: reason.code },
    );
  }

  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
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
    skipLocked: true,
    singleStatementSteps: true,
  });
}
