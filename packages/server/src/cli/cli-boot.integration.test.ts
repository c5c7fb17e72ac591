import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/postgres-test-support.js';

const CLI = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs the real CLI the way an operator would, and returns what they would see. */
function syncwell(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

/** Bad configuration or an unreachable server: exit non-zero with one line naming the problem. */
describe('syncwell boot with bad settings', () => {
  let dataDir: string;
  let database: { url: string; drop(): Promise<void> };
  const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  function expectOneLine(result: { status: number | null; stderr: string }, pattern: RegExp): void {
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  }

  it('names a malformed DATABASE_URL without echoing it', () => {
    const result = syncwell(['migrate'], {
      SYNCWELL_DATA_DIR: dataDir,
      DATABASE_URL: 'mysql://u:hunter2@db/x',
    });
    expectOneLine(result, /^syncwell: Invalid configuration: DATABASE_URL /);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('names an unreachable PostgreSQL server without its password', () => {
    const result = syncwell(['migrate'], {
      SYNCWELL_DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/syncwell',
    });
    expectOneLine(result, /127\.0\.0\.1:1/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('names an unreachable Redis server', () => {
    const result = syncwell(['worker'], {
      SYNCWELL_DATA_DIR: dataDir,
      SYNCWELL_MASTER_KEY: key(1),
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expectOneLine(result, /Redis is not reachable at 127\.0\.0\.1:1/);
  });

  it('refuses a single role without shared infrastructure', () => {
    expectOneLine(syncwell(['worker'], { SYNCWELL_DATA_DIR: dataDir }), /DATABASE_URL is required/);
  });

  it('refuses a master key that is not the one the database was set up with', () => {
    const dir = join(dataDir, 'keys');
    expect(syncwell(['migrate'], { SYNCWELL_DATA_DIR: dir, SYNCWELL_MASTER_KEY: key(2) }).status).toBe(0);
    expectOneLine(
      syncwell(['migrate'], { SYNCWELL_DATA_DIR: dir, SYNCWELL_MASTER_KEY: key(3) }),
      /master key .* refusing to start \(SW_VAULT_KEY_MISMATCH\)$/,
    );
    expect(syncwell(['migrate'], { SYNCWELL_DATA_DIR: dir, SYNCWELL_MASTER_KEY: key(2) }).status).toBe(0);
  });
});
