import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { seedFixture } from './store.contract.js';

/** The migration-0008 half of the store contract: push targets, preferences, notice states, outbox. */
export function describePushContract(getStore: () => MetadataStore): void {
  describe('notification delivery', () => {
    it('registers push targets per user, moves a re-registered address, and deletes only its own', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const web = await store.upsertPushTarget({
        userId: f.userId,
        channel: 'web_push',
        address: `https://push.example/${f.userId}`,
        p256dh: 'BPk',
        auth: 'au',
      });
      const apns = await store.upsertPushTarget({
        userId: f.userId,
        channel: 'apns',
        address: `tok-${f.userId}`,
      });
      expect(web).toMatchObject({ channel: 'web_push', p256dh: 'BPk', auth: 'au', userId: f.userId });
      expect((await store.listPushTargets(f.userId)).map((t) => t.id).sort()).toEqual(
        [web.id, apns.id].sort(),
      );

      // The same device token signed in as another user now belongs to that user.
      const moved = await store.upsertPushTarget({
        userId: g.userId,
        channel: 'apns',
        address: `tok-${f.userId}`,
      });
      expect(moved.id).toBe(apns.id);
      expect((await store.listPushTargets(f.userId)).map((t) => t.id)).toEqual([web.id]);

      expect(await store.deletePushTarget(web.id, g.userId)).toBe(false);
      expect(await store.deletePushTarget(web.id, f.userId)).toBe(true);
      expect(await store.getPushTarget(web.id)).toBeNull();
      expect(await store.deletePushTarget(apns.id)).toBe(true);
    });

    it('keeps preferences and quiet hours per user', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      expect(await store.getNotificationSettings(f.userId)).toBeNull();
      const saved = await store.putNotificationSettings({
        userId: f.userId,
        disabled: [{ kind: 'weekly_summary', channel: 'email' }],
        quietHours: { startMinute: 22 * 60, endMinute: 7 * 60, timeZone: 'Europe/Berlin' },
      });
      expect(saved).toEqual(await store.getNotificationSettings(f.userId));
      expect(saved.disabled).toEqual([{ kind: 'weekly_summary', channel: 'email' }]);
      const cleared = await store.putNotificationSettings({
        userId: f.userId,
        disabled: [],
        quietHours: null,
      });
      expect(cleared).toEqual({ userId: f.userId, disabled: [], quietHours: null });
    });

    it('announces a subject once per state, across racing claims', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const subject = `connection:${f.source.id}`;
      const first = await Promise.all([
        store.claimNoticeState(f.userId, subject, 'needs_reauth@v1'),
        store.claimNoticeState(f.userId, subject, 'needs_reauth@v1'),
      ]);
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await store.claimNoticeState(f.userId, subject, 'needs_reauth@v1')).toBe(false);
      expect(await store.claimNoticeState(f.userId, subject, 'needs_reauth@v2')).toBe(true);
      expect(await store.claimNoticeState(f.userId, 'other', 'needs_reauth@v2')).toBe(true);
    });

    it('claims due deliveries once, leases them, and records attempts', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const at = new Date('2031-05-01T10:00:00Z');
      await store.enqueueDeliveries([
        { userId: f.userId, channel: 'email', notice: '{"kind":"weekly_summary"}', notBefore: at },
        {
          userId: f.userId,
          channel: 'webhook',
          notice: '{"kind":"weekly_summary"}',
          notBefore: new Date(at.getTime() + 60_000),
        },
      ]);
      const claims = await Promise.all([
        store.claimDueDeliveries(at, 1000, 30_000),
        store.claimDueDeliveries(at, 1000, 30_000),
      ]);
      const mine = claims.flat().filter((d) => d.userId === f.userId);
      expect(mine).toHaveLength(1);
      const [email] = mine;
      expect(email).toMatchObject({ channel: 'email', status: 'pending', attempts: 0 });
      expect(email?.nextAttemptAt).toEqual(new Date(at.getTime() + 30_000));

      await store.recordDeliveryAttempt(email!.id, {
        status: 'pending',
        outcome: 'smtp_451',
        nextAttemptAt: new Date(at.getTime() + 120_000),
      });
      const later = new Date(at.getTime() + 60_000);
      expect(
        (await store.claimDueDeliveries(later, 1000, 30_000)).filter((d) => d.userId === f.userId),
      ).toEqual([expect.objectContaining({ channel: 'webhook' })]);
      await store.recordDeliveryAttempt(email!.id, { status: 'delivered', outcome: 'delivered' });
      const rows = await store.listDeliveries(f.userId);
      expect(rows.find((d) => d.id === email!.id)).toMatchObject({
        status: 'delivered',
        attempts: 2,
        outcome: 'delivered',
      });
      expect(
        (await store.claimDueDeliveries(new Date(at.getTime() + 3_600_000), 1000, 1)).some(
          (d) => d.id === email!.id,
        ),
      ).toBe(false);
    });
  });
}
