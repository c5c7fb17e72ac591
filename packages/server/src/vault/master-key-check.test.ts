import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createEnvelopeVault } from './envelope-vault.js';
import { verifyMasterKey } from './master-key-check.js';

describe('verifyMasterKey', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function openStore() {
    const dir = mkdtempSync(join(tmpdir(), 'sw-keycheck-'));
    dirs.push(dir);
    return createSqliteStore({ filename: join(dir, 'db.sqlite') });
  }

  it('accepts the key on every boot after the first', async () => {
    const store = await openStore();
    const key = randomBytes(32);
    await verifyMasterKey(store, createEnvelopeVault(key));
    const check = await verifyMasterKey(store, createEnvelopeVault(key));
    await expect(verifyMasterKey(store, createEnvelopeVault(Buffer.from(key)))).resolves.toBe(check);
    await store.close();
  });

  it('refuses another key with SW_VAULT_KEY_MISMATCH', async () => {
    const store = await openStore();
    await verifyMasterKey(store, createEnvelopeVault(randomBytes(32)));
    await expect(verifyMasterKey(store, createEnvelopeVault(randomBytes(32)))).rejects.toMatchObject({
      code: 'SW_VAULT_KEY_MISMATCH',
      message: expect.stringContaining('refusing to start') as unknown,
    });
    await store.close();
  });
});
