import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Where the benchmarks find PostgreSQL (a role allowed to CREATE DATABASE) and Redis. */
export const BENCH_ADMIN_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One benchmark's private slice of the shared servers: a database `syncwell_bench_<hex>`, a
 * Redis key prefix, a master key and a data directory. Other engineers use the same servers,
 * so everything is named by a random suffix and removed by `close()`.
 */
export interface BenchInfra {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly masterKey: Buffer;
  /** Verification queries (counts, timestamps) outside the store port. */
  readonly sql: pg.Pool;
  /** The environment of a SyncWell process on this slice, with the bench providers configured. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Deletes every Redis key under the prefix (the queue a benchmark filled, locks, caches). */
  cleanRedis(): Promise<number>;
  close(): Promise<void>;
}

function where(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 'default'}`;
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({
    connectionString: BENCH_ADMIN_DATABASE_URL,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `bench: PostgreSQL is not reachable at ${where(BENCH_ADMIN_DATABASE_URL)} (set BENCH_DATABASE_URL): ${
        (error as Error).message || String(error)
      }`,
    );
  }
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `bench: Redis is not reachable at ${where(url)} (set BENCH_REDIS_URL): ${(error as Error).message}`,
    );
  } finally {
    redis.disconnect();
  }
}

export async function openBenchInfra(): Promise<BenchInfra> {
  await checkRedis(BENCH_REDIS_URL);
  const suffix = randomBytes(5).toString('hex');
  const database = `syncwell_bench_${suffix}`;
  // The name is ours (hex only), so quoting it as an identifier is enough.
  await admin(`create database "${database}"`);
  const url = new URL(BENCH_ADMIN_DATABASE_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const prefix = `swbench-${suffix}`;
  const masterKey = randomBytes(32);
  const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-bench-'));
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  sql.on('error', () => undefined);

  const cleanRedis = async (): Promise<number> => {
    const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 3 });
    let removed = 0;
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
        cursor = next;
        if (keys.length > 0) removed += await redis.unlink(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return removed;
  };

  return {
    databaseUrl,
    redisUrl: BENCH_REDIS_URL,
    prefix,
    masterKey,
    sql,
    env: (extra = {}) => ({
      DATABASE_URL: databaseUrl,
      REDIS_URL: BENCH_REDIS_URL,
      SYNCWELL_REDIS_PREFIX: prefix,
      SYNCWELL_MASTER_KEY: masterKey.toString('base64'),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SYNCWELL_GARMIN_CLIENT_ID: 'bench',
      SYNCWELL_GARMIN_CLIENT_SECRET: 'bench',
      SYNCWELL_OURA_CLIENT_ID: 'bench',
      SYNCWELL_OURA_CLIENT_SECRET: 'bench',
      ...extra,
    }),
    cleanRedis,
    close: async () => {
      await sql.end().catch(() => undefined);
      await cleanRedis();
      // FORCE (PostgreSQL 13+) ends sessions a crashed child left open.
      await admin(`drop database if exists "${database}" with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
