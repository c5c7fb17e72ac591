import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenSet } from '@syncwell/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openTokenSet, sealTokenSet } from '../auth/connection-tokens.js';
import type { MetadataStore } from '../store/port.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-support.js';
import { createEnvelopeVault } from './envelope-vault.js';
import { rotateSealedSecrets } from './key-rotation.js';
import { loadLedgerKey } from './ledger-key.js';
import { verifyMasterKey } from './master-key-check.js';
import type { SecretVault } from './port.js';

/*
 * `syncwell rotate-key` on both stores: every envelope re-sealed under the new key, the old key
 * read until the end, resumable after a crash, no token refreshed meanwhile overwritten, and the
 * ledger's HMAC key unchanged (a new one would re-sync everything).
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const stores: [string, () => Promise<MetadataStore>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'syncwell-rotation-'));
      const store = await createSqliteStore({ filename: join(dir, 'syncwell.db') });
      cleanups.push(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return store;
    },
  ],
  [
    'postgres',
    async () => {
      const db: TestDatabase = await createTestDatabase();
      const store = await createPostgresStore({ connectionString: db.url, poolSize: 3 });
      cleanups.push(async () => {
        await store.close();
        await db.drop();
      });
      return store;
    },
  ],
];

const tokensOf = (n: number): TokenSet => ({
  accessToken: `at-${n}-${randomUUID()}`,
  refreshToken: `rt-${n}-${randomUUID()}`,
  expiresAt: new Date('2030-01-01T00:00:00.000Z'),
  scopes: ['read'],
});

/** A store whose `replaceSealedSecret` runs `before` first (a crash, a concurrent refresh). */
function interceptReplace(
  store: MetadataStore,
  before: (call: number, id: string) => Promise<void>,
): MetadataStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'replaceSealedSecret') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<MetadataStore['replaceSealedSecret']>) => {
        calls += 1;
        await before(calls, args[1]);
        return target.replaceSealedSecret(...args);
      };
    },
  });
}

describe.each(stores)('master key rotation on %s', (_name, openStore) => {
  it('re-seals every secret, reads the old key until done, resumes after a crash, keeps the ledger key', async () => {
    const store = await openStore();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = createEnvelopeVault(oldKey);
    const check = await verifyMasterKey(store, before);
    const ledgerKey = await loadLedgerKey(
      store,
      before,
      { current: oldKey, previous: [], source: 'env' },
      check,
    );

    const user = await store.createUser({ email: `${randomUUID()}@example.org`, passwordHash: 'h' });
    const tokens = new Map<string, TokenSet>();
    for (let n = 0; n < 7; n += 1) {
      const set = tokensOf(n);
      const { connection } = await store.upsertConnection({
        userId: user.id,
        provider: 'strava',
        externalUserId: `athlete-${n}`,
        sealTokens: (id) => sealTokenSet(before, id, set),
        tokenExpiresAt: set.expiresAt,
        scopes: set.scopes,
      });
      tokens.set(connection.id, set);
    }
    await store.createOAuthState({
      state: 'state-1',
      userId: user.id,
      provider: 'strava',
      codeVerifierSealed: before.seal('verifier-1', 'state-1'),
      redirectUri: 'http://x/cb',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    });

    const rotating = createEnvelopeVault(newKey, [oldKey]);
    const lines: string[] = [];
    // Killed after three re-seals.
    const crashing = interceptReplace(store, (call) =>
      call > 3 ? Promise.reject(new Error('killed')) : Promise.resolve(),
    );
    await expect(
      rotateSealedSecrets({ store: crashing, vault: rotating, report: (l) => lines.push(l), batchSize: 2 }),
    ).rejects.toThrow('killed');

    // Half-way: every process with both keys reads every token; the rotation is not finished.
    const opensAll = async (vault: SecretVault) => {
      for (const [id, set] of tokens) {
        const row = await store.getConnection(id);
        expect(openTokenSet(vault, id, row!.tokensSealed)).toEqual(set);
      }
    };
    await opensAll(rotating);
    expect(rotating.isCurrent(await verifyMasterKey(store, rotating))).toBe(false);

    lines.length = 0;
    const summary = await rotateSealedSecrets({
      store,
      vault: rotating,
      report: (l) => lines.push(l),
      batchSize: 2,
    });
    expect(summary.alreadyCurrent).toBe(3);
    // 4 connections left, 1 verifier, the ledger key and the vault check.
    expect(summary.resealed).toBe(7);
    expect(lines.some((l) => l.startsWith('connection tokens: '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^rotation finished: 7 re-sealed, 3 already under the new key/);

    // After: the new key alone opens everything; the old key alone is refused at start.
    const after = createEnvelopeVault(newKey);
    await opensAll(after);
    const checkAfter = await verifyMasterKey(store, after);
    expect(after.isCurrent(checkAfter)).toBe(true);
    await expect(verifyMasterKey(store, before)).rejects.toMatchObject({ code: 'SW_VAULT_KEY_MISMATCH' });
    const [verifier] = await store.listSealedSecrets('oauth_code_verifier', null, 10);
    expect(after.open(verifier!.sealed, 'state-1')).toBe('verifier-1');
    expect(
      await loadLedgerKey(store, after, { current: newKey, previous: [], source: 'env' }, checkAfter),
    ).toEqual(ledgerKey);
    // Run again: nothing to do.
    expect(await rotateSealedSecrets({ store, vault: after, report: () => undefined })).toEqual({
      resealed: 0,
      alreadyCurrent: 9,
    });
  });

  it('never overwrites a token refreshed during the rotation, and refuses a secret no key opens', async () => {
    const store = await openStore();
    const [oldKey, newKey, strangerKey] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const before = createEnvelopeVault(oldKey);
    await verifyMasterKey(store, before);
    const rotating = createEnvelopeVault(newKey, [oldKey]);
    const user = await store.createUser({ email: `${randomUUID()}@example.org`, passwordHash: 'h' });
    const { connection } = await store.upsertConnection({
      userId: user.id,
      provider: 'oura',
      externalUserId: 'ring-1',
      sealTokens: (id) => sealTokenSet(before, id, tokensOf(1)),
      tokenExpiresAt: null,
      scopes: [],
    });
    const refreshed = tokensOf(2);
    // A worker (with both keys) refreshes the token just before the rotation writes its copy.
    const racing = interceptReplace(store, async (_call, id) => {
      if (id !== connection.id) return;
      const row = await store.getConnection(id);
      await store.updateConnectionTokens({
        connectionId: id,
        expectedVersion: row!.tokenVersion,
        tokensSealed: sealTokenSet(rotating, id, refreshed),
        tokenExpiresAt: null,
      });
    });
    const lines: string[] = [];
    await rotateSealedSecrets({ store: racing, vault: rotating, report: (l) => lines.push(l) });
    expect(lines).toContain('1 secrets changed while being re-sealed; another pass');
    const row = await store.getConnection(connection.id);
    expect(openTokenSet(createEnvelopeVault(newKey), connection.id, row!.tokensSealed)).toEqual(refreshed);

    // A token sealed under a key nobody configured: the rotation stops and says where.
    const stranger = await store.upsertConnection({
      userId: user.id,
      provider: 'polar',
      externalUserId: 'p-1',
      sealTokens: (id) => sealTokenSet(createEnvelopeVault(strangerKey), id, tokensOf(3)),
      tokenExpiresAt: null,
      scopes: [],
    });
    await expect(
      rotateSealedSecrets({
        store,
        vault: createEnvelopeVault(randomBytes(32), [newKey]),
        report: () => undefined,
      }),
    ).rejects.toMatchObject({
      code: 'SW_VAULT_KEY_MISMATCH',
      details: { kind: 'connection_tokens' },
    });
    expect(stranger.connection.id).toEqual(expect.any(String));
  });
});
