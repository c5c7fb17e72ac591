import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { seedFixture } from './store.contract.js';

/** Sealed columns as key rotation pages through them (SealedSecretStore). */
export function describeSealedSecretContract(getStore: () => MetadataStore): void {
  describe('sealed secrets (key rotation)', () => {
    it('pages every kind in id order and resumes after a given id', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const more = await seedFixture(store);
      const ids = [f.source.id, f.destination.id, more.source.id, more.destination.id].sort();
      const first = await store.listSealedSecrets('connection_tokens', null, 3);
      expect(first.map((s) => s.id)).toEqual(ids.slice(0, 3));
      expect(first[0]).toEqual({ kind: 'connection_tokens', id: ids[0], sealed: `sealed-for-${ids[0]}` });
      const rest = await store.listSealedSecrets('connection_tokens', first[2]!.id, 3);
      expect(rest.map((s) => s.id)).toEqual(ids.slice(3));

      const pending = { userId: f.userId, provider: 'strava' as const, redirectUri: 'http://x/cb' };
      const expiresAt = new Date('2030-01-01T00:00:00Z');
      await store.createOAuthState({ ...pending, state: 's-b', codeVerifierSealed: 'v-b', expiresAt });
      await store.createOAuthState({ ...pending, state: 's-a', codeVerifierSealed: 'v-a', expiresAt });
      await store.createOAuthState({ ...pending, state: 's-c', codeVerifierSealed: null, expiresAt });
      expect(await store.listSealedSecrets('oauth_code_verifier', null, 10)).toEqual([
        { kind: 'oauth_code_verifier', id: 's-a', sealed: 'v-a' },
        { kind: 'oauth_code_verifier', id: 's-b', sealed: 'v-b' },
      ]);

      // Settings outlive a test's users (PostgreSQL suites share a database): a key of its own.
      const key = `contract-${randomUUID()}`;
      await store.claimServerSetting(key, 'sealed-check');
      const settings = await store.listSealedSecrets('server_setting', null, 1000);
      expect(settings).toContainEqual({ kind: 'server_setting', id: key, sealed: 'sealed-check' });
    });

    it('replaces a secret only while it still holds the expected text', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const id = f.source.id;
      expect(await store.replaceSealedSecret('connection_tokens', id, 'stale', 'new')).toBe(false);
      expect(await store.replaceSealedSecret('connection_tokens', id, `sealed-for-${id}`, 'new')).toBe(true);
      expect((await store.getConnection(id))?.tokensSealed).toBe('new');
      expect((await store.getConnection(id))?.tokenVersion).toBe(f.source.tokenVersion);
      expect(await store.replaceSealedSecret('connection_tokens', 'no-such-id', 'new', 'x')).toBe(false);

      await store.createOAuthState({
        userId: f.userId,
        provider: 'strava',
        redirectUri: 'http://x/cb',
        state: 's-1',
        codeVerifierSealed: 'v-1',
        expiresAt: new Date('2030-01-01T00:00:00Z'),
      });
      expect(await store.replaceSealedSecret('oauth_code_verifier', 's-1', 'v-1', 'v-2')).toBe(true);
      expect(await store.listSealedSecrets('oauth_code_verifier', null, 10)).toEqual([
        { kind: 'oauth_code_verifier', id: 's-1', sealed: 'v-2' },
      ]);

      const key = `contract-${randomUUID()}`;
      await store.claimServerSetting(key, 'old');
      expect(await store.replaceSealedSecret('server_setting', key, 'old', 'new')).toBe(true);
      expect(await store.claimServerSetting(key, 'ignored')).toBe('new');
    });
  });
}
