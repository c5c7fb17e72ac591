import { join } from 'node:path';
import { SyncWellError, epochMs } from '@syncwell/core';
import type { Clock } from '@syncwell/core';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import type { CoordinationAdapter } from '../coordination/port.js';
import { createRedisCoordination } from '../coordination/redis/redis-coordination.js';
import type { ReadinessCheck } from '../http/app-deps.js';
import { createBullmqQueue } from '../queue/bullmq/bullmq-queue.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import type { JobQueue } from '../queue/port.js';
import { withEnqueueDeadline } from '../queue/enqueue-deadline.js';
import type { MetadataStore } from '../store/port.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';

/** The adapters behind every port, chosen by configuration: embedded default or production. */
export interface Infrastructure {
  readonly kind: 'embedded' | 'production';
  readonly store: MetadataStore;
  readonly queue: JobQueue;
  /** Locks, shared rate budgets and cache: in-process, or Redis shared by every process. */
  readonly coordination: CoordinationAdapter;
  readonly readiness: readonly ReadinessCheck[];
  /** Keys Redis evicted for lack of memory since it started (INFO stats); absent without Redis. */
  readonly evictedKeys?: () => Promise<number>;
  close(drainDeadlineMs: number): Promise<void>;
}

const RETRY = { attempts: 5, baseMs: 1_000, capMs: 60_000 } as const;

/**
 * SQLite + in-process queue and locks when no DATABASE_URL/REDIS_URL is set (one process);
 * PostgreSQL + BullMQ + Redis locks and budgets otherwise (any number of processes).
 */
export async function openInfrastructure(
  config: AppConfig,
  logger: Logger,
  clock: Clock,
): Promise<Infrastructure> {
  const nowMs = (): number => epochMs(clock);
  const store = config.databaseUrl
    ? await createPostgresStore({
        connectionString: config.databaseUrl,
        applicationName: 'syncwell',
        now: nowMs,
      })
    : await createSqliteStore({ filename: join(config.dataDir, 'syncwell.db'), now: nowMs });
  if (config.redisUrl === undefined) {
    const coordination = new MemoryCoordination(nowMs);
    const queue = createMemoryQueue({ retry: RETRY, clock });
    return {
      kind: config.databaseUrl ? 'production' : 'embedded',
      store,
      queue,
      coordination,
      readiness: [{ name: config.databaseUrl ? 'postgres' : 'sqlite', check: () => store.ping() }],
      close: async (deadline) => {
        await queue.close(deadline);
        await coordination.close();
        await store.close();
      },
    };
  }
  const redis = await connectRedis(config.redisUrl, logger).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const queue = withEnqueueDeadline(
    createBullmqQueue({
      connection: redis,
      prefix: `${config.redisPrefix}:q`,
      retry: RETRY,
      lockDurationMs: config.jobLockMs,
      stalledIntervalMs: config.jobLockMs,
      onError: (error) => logger.warn({ err: { message: error.message } }, 'queue connection error'),
    }),
    2_000,
  );
  const coordination = createRedisCoordination({ redis, prefix: `${config.redisPrefix}:c:` });
  return {
    kind: 'production',
    store,
    queue,
    coordination,
    readiness: [
      { name: config.databaseUrl ? 'postgres' : 'sqlite', check: () => store.ping() },
      {
        name: 'redis',
        check: async () => {
          await redis.ping();
        },
      },
    ],
    evictedKeys: async () => Number(/^evicted_keys:(\d+)/m.exec(await redis.info('stats'))?.[1] ?? 0),
    close: async (deadline) => {
      await queue.close(deadline);
      await coordination.close();
      redis.disconnect();
      await store.close();
    },
  };
}

/**
 * Connects once at boot and fails with one clear line when Redis is not there. After boot,
 * ioredis reconnects on its own: commands wait (BullMQ needs `maxRetriesPerRequest: null`)
 * and the worker resumes when Redis is back.
 */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const where = describeRedis(url);
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, enableReadyCheck: true });
  redis.on('error', (error: Error) =>
    logger.warn({ err: { message: error.message } }, 'redis connection error'),
  );
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 5 s')), 5_000).unref()),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new SyncWellError(
      'SW_NOT_READY',
      `Redis is not reachable at ${where}: ${(error as Error).message}`,
    );
  }
  return redis;
}

/** host:port/db of a Redis URL, never its password. */
function describeRedis(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
