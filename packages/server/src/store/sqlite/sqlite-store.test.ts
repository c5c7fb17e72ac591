import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.js';
import { createSqliteStore } from './sqlite-store.js';

function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'syncwell-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeStoreContract('sqlite', async () => {
  const { dir, remove } = tempDir();
  const store = await createSqliteStore({ filename: join(dir, 'nested', 'syncwell.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      remove();
    },
  };
});

describe('sqlite store specifics', () => {
  it('opens in WAL mode with foreign keys, and migrates an existing file idempotently', async () => {
    const { dir, remove } = tempDir();
    const filename = join(dir, 'syncwell.db');
    const first = await createSqliteStore({ filename });
    await first.createUser({ email: 'kept@example.org', passwordHash: 'h' });
    await first.close();
    const second = await createSqliteStore({ filename });
    expect(await second.findUserByEmail('kept@example.org')).not.toBeNull();
    await second.ping();
    await second.close();

    const raw = new Database(filename, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'connections',
        'rules',
        'runs',
        'run_items',
        'sync_ledger',
        'rule_fences',
      ]),
    );
    raw.close();
    remove();
  });

  it('uses the injected clock for expiry', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const store = await createSqliteStore({ filename: ':memory:', now: () => now });
    const user = await store.createUser({ email: 'c@example.org', passwordHash: 'h' });
    expect(user.createdAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    const state = {
      userId: user.id,
      provider: 'oura' as const,
      codeVerifierSealed: null,
      redirectUri: 'http://x/cb',
    };
    await store.createOAuthState({ ...state, state: 's1', expiresAt: new Date(now + 1000) });
    now += 1000;
    expect(await store.consumeOAuthState('s1')).toBeNull();
    await store.close();
  });
});
