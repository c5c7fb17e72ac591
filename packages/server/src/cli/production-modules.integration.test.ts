import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoleProcess } from '../e2e/role-process.js';
import { freePort } from '../runtime/free-port.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-support.js';
import { connectTestRedis, type TestRedis } from '../testing/redis-test-support.js';

/**
 * A module-resolution hook, registered after tsx's so it sees every module's final file URL,
 * that appends each one to the file named by SW_MODULE_LOG. ESM hooks run in their own thread
 * in Node 20+, so it writes synchronously and keeps nothing in memory.
 */
const RECORDER_HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.SW_MODULE_LOG, resolved.url + '\\n');
  return resolved;
}`;
const RECORDER = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RECORDER_HOOKS)}`)});`;
const RECORD_MODULES = ['--import', `data:text/javascript,${encodeURIComponent(RECORDER)}`];

/** Code that exists for development only: the provider simulators and the launcher built on them. */
const DEVELOPMENT_ONLY = /\/packages\/(testbed|devstack)\/|@syncwell\/(testbed|devstack)/;

/**
 * The production roles must not load the simulators (DESIGN §3: nothing depends on testbed but
 * tests, the demo and bench). A lint rule forbids the import; this proves it at run time, where
 * a dynamic import or a re-export would slip past the rule.
 */
describe('production roles load no development-only module', () => {
  let dir: string;
  let database: TestDatabase;
  let redis: TestRedis;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sw-modules-'));
    database = await createTestDatabase();
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await redis.cleanup();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['worker', 'api', 'scheduler'] as const)(
    '`syncwell %s` starts without loading @syncwell/testbed or @syncwell/devstack',
    async (role) => {
      const log = join(dir, `${role}.modules`);
      const process = await startRoleProcess(
        role,
        {
          SW_MODULE_LOG: log,
          DATABASE_URL: database.url,
          REDIS_URL: redis.url,
          SYNCWELL_REDIS_PREFIX: redis.prefix.replace(/:$/, ''),
          SYNCWELL_MASTER_KEY: Buffer.alloc(32, 11).toString('base64'),
          SYNCWELL_DATA_DIR: dir,
          PORT: String(await freePort()),
          LOG_LEVEL: 'silent',
          SYNCWELL_SHUTDOWN_DEADLINE_MS: '1000',
        },
        60_000,
        RECORD_MODULES,
      );
      await process.stop();

      const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      // The recorder saw the role's own code, so an empty list cannot pass by accident.
      expect(loaded.some((url) => url.endsWith('/packages/server/src/runtime/syncwell-runtime.ts'))).toBe(
        true,
      );
      expect(loaded.some((url) => url.endsWith('/packages/providers/src/index.ts'))).toBe(true);
      expect(loaded.filter((url) => DEVELOPMENT_ONLY.test(url))).toEqual([]);
    },
    90_000,
  );
});
