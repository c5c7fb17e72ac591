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

async function admin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL is not reachable at ${withoutPassword(serverUrl)} (set TEST_DATABASE_URL): ${
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
export async function createTestDatabase(serverUrl = TEST_DATABASE_URL): Promise<TestDatabase> {
  const name = `syncwell_test_${randomBytes(6).toString('hex')}`;
  // The name is ours (hex only), so quoting it as an identifier is enough.
  await admin(serverUrl, async (client) => {
    await client.query(`create database "${name}"`);
    // Throwaway data: commits need not wait for the disk, which makes each test several times faster.
    await client.query(`alter database "${name}" set synchronous_commit = off`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // FORCE (PostgreSQL 13+) ends sessions a failed test left open, instead of refusing.
      await admin(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
