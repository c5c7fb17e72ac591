import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests talk to: a real one, never a mock. The URL names a database the
 * user may connect to and a role allowed to CREATE DATABASE; each test file gets its own.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection string of the new, empty database. */
  readonly url: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsed TEST_DATABASE_URL)';
  }
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL is not reachable at ${withoutPassword(TEST_DATABASE_URL)} (set TEST_DATABASE_URL): ${
        (error as Error).message || String(error)
      }`,
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `syncwell_test_<random>` on the test server. Fails at once, naming the URL it tried,
 * when the server cannot be reached.
 *
 * @example
 *   const testDb = await createTestDatabase();
 *   const store = await createPostgresStore({ connectionString: testDb.url });
 *   // ... afterAll: await store.close(); await testDb.drop();
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `syncwell_test_${randomBytes(6).toString('hex')}`;
  // The name is ours (hex only), so quoting it as an identifier is enough.
  await admin((client) => client.query(`create database "${name}"`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // FORCE (PostgreSQL 13+) ends sessions a failed test left open, instead of refusing.
      await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
