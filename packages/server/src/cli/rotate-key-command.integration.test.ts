import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenSet } from '@syncwell/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openTokenSet, sealTokenSet } from '../auth/connection-tokens.js';
import { startSyncWell } from '../runtime/syncwell-runtime.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-support.js';
import { beginFileKeyRotation } from '../vault/master-keys.js';
import { runRotateKeyCommand } from './rotate-key-command.js';

const tokens: TokenSet = {
  accessToken: `at-${randomUUID()}`,
  refreshToken: `rt-${randomUUID()}`,
  expiresAt: null,
  scopes: ['read'],
};
const NO_ROLES = { api: false, worker: false, scheduler: false } as const;

/** Opens the stack as `syncwell migrate` would, stores one connection, closes; returns its id. */
async function seedConnection(env: NodeJS.ProcessEnv): Promise<string> {
  const runtime = await startSyncWell({ env, roles: NO_ROLES });
  try {
    const user = await runtime.store.createUser({ email: `${randomUUID()}@example.org`, passwordHash: 'h' });
    const { connection } = await runtime.store.upsertConnection({
      userId: user.id,
      provider: 'strava',
      externalUserId: 'athlete-1',
      sealTokens: (id) => sealTokenSet(runtime.vault, id, tokens),
      tokenExpiresAt: null,
      scopes: tokens.scopes,
    });
    return connection.id;
  } finally {
    await runtime.close();
  }
}

async function readTokens(env: NodeJS.ProcessEnv, connectionId: string): Promise<TokenSet> {
  const runtime = await startSyncWell({ env, roles: NO_ROLES });
  try {
    const row = await runtime.store.getConnection(connectionId);
    return openTokenSet(runtime.vault, connectionId, row!.tokensSealed);
  } finally {
    await runtime.close();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('syncwell rotate-key', () => {
  it('embedded: replaces master.key, resuming a rotation that was interrupted, with progress printed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-rotate-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { SYNCWELL_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const id = await seedConnection(env);
    const oldKey = readFileSync(join(dataDir, 'master.key'), 'utf8');

    // An earlier run stopped after writing the new key: until it finishes, both keys read.
    expect(beginFileKeyRotation(dataDir)).toBe(true);
    const nextKey = readFileSync(join(dataDir, 'master.key.next'), 'utf8');
    expect(await readTokens(env, id)).toEqual(tokens);

    const lines: string[] = [];
    expect(await runRotateKeyCommand(env, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toBe('resuming the rotation to the key in master.key.next');
    expect(lines).toContain('connection tokens: 1 re-sealed, 0 already under the new key');
    expect(lines.at(-1)).toMatch(/^done: master.key now holds the new key/);
    expect(existsSync(join(dataDir, 'master.key.next'))).toBe(false);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).toBe(nextKey);
    expect(nextKey).not.toBe(oldKey);
    expect(await readTokens(env, id)).toEqual(tokens);

    // A fresh rotation generates its own key.
    lines.length = 0;
    expect(await runRotateKeyCommand(env, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/^generated a new master key in master.key.next/);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).not.toBe(nextKey);
    expect(await readTokens(env, id)).toEqual(tokens);
  }, 60_000);

  it('PostgreSQL: SYNCWELL_MASTER_KEY is the new key, SYNCWELL_PREVIOUS_MASTER_KEYS the old one', async () => {
    const db: TestDatabase = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-rotate-pg-'));
    cleanups.push(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    });
    const [oldKey, newKey] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const base = { SYNCWELL_DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'silent' };
    const id = await seedConnection({ ...base, SYNCWELL_MASTER_KEY: oldKey });

    const rotating = { ...base, SYNCWELL_MASTER_KEY: newKey, SYNCWELL_PREVIOUS_MASTER_KEYS: oldKey };
    expect(await readTokens(rotating, id)).toEqual(tokens);
    const lines: string[] = [];
    expect(await runRotateKeyCommand(rotating, (line) => lines.push(line))).toBe(0);
    expect(lines).toContain('vault check re-sealed: every process may now drop the old key');
    expect(lines.at(-1)).toBe(
      'done: remove SYNCWELL_PREVIOUS_MASTER_KEYS from every process and restart them',
    );

    expect(await readTokens({ ...base, SYNCWELL_MASTER_KEY: newKey }, id)).toEqual(tokens);
    await expect(readTokens({ ...base, SYNCWELL_MASTER_KEY: oldKey }, id)).rejects.toMatchObject({
      code: 'SW_VAULT_KEY_MISMATCH',
    });
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  }, 60_000);
});
