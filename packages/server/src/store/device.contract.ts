import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { seedFixture } from './store.contract.js';

/** The migration-0009 half of the store contract: registered phones and their credentials. */
export function describeDeviceContract(getStore: () => MetadataStore): void {
  describe('devices', () => {
    it('registers devices per user, finds a live one by credential hash, and revokes only its own', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const phone = await store.createDevice({
        userId: f.userId,
        platform: 'apple_health',
        name: 'iPhone',
        credentialHash: `hash-${f.userId}`,
      });
      const tablet = await store.createDevice({
        userId: f.userId,
        platform: 'health_connect',
        name: 'Pixel',
        credentialHash: `hash2-${f.userId}`,
      });
      expect(phone).toMatchObject({
        userId: f.userId,
        platform: 'apple_health',
        name: 'iPhone',
        revokedAt: null,
      });
      // Both may be created within one millisecond, and the tie's order is the engine's collation.
      expect((await store.listDevices(f.userId)).map((d) => d.id).sort()).toEqual(
        [phone.id, tablet.id].sort(),
      );
      expect(await store.listDevices(g.userId)).toEqual([]);
      expect((await store.deviceByCredentialHash(`hash-${f.userId}`))?.id).toBe(phone.id);

      expect(await store.revokeDevice(phone.id, g.userId)).toBe(false);
      expect(await store.revokeDevice(phone.id, f.userId)).toBe(true);
      expect(await store.revokeDevice(phone.id, f.userId)).toBe(false);
      expect(await store.deviceByCredentialHash(`hash-${f.userId}`)).toBeNull();
      const listed = await store.listDevices(f.userId);
      expect(listed.find((d) => d.id === phone.id)?.revokedAt).toBeInstanceOf(Date);
      expect((await store.deviceByCredentialHash(`hash2-${f.userId}`))?.id).toBe(tablet.id);
    });

    it('goes with the account', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.createDevice({
        userId: f.userId,
        platform: 'health_connect',
        name: 'Pixel',
        credentialHash: `h3-${f.userId}`,
      });
      await store.deleteUser(f.userId);
      expect(await store.deviceByCredentialHash(`h3-${f.userId}`)).toBeNull();
    });
  });
}
