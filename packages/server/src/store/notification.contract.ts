import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { seedFixture } from './store.contract.js';

const DAY_MS = 86_400_000;

/** The migration-0004 half of the store contract: inbox, refresh-failure tally, keep-alive list. */
export function describeNotificationContract(getStore: () => MetadataStore): void {
  describe('notifications and token health', () => {
    it('keeps one open notification per connection and kind, and opens a new one once read', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const event = {
        userId: f.userId,
        kind: 'connection_needs_reauth' as const,
        connectionId: f.source.id,
        code: 'SW_PROVIDER_AUTH_REVOKED' as const,
      };
      const [a, b] = await Promise.all([store.createNotification(event), store.createNotification(event)]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(a.notification.id).toBe(b.notification.id);
      const other = await store.createNotification({ ...event, kind: 'connection_exhausted' });
      expect(other.created).toBe(true);

      const read = await store.markNotificationRead(a.notification.id, f.userId);
      expect(read?.readAt).toBeInstanceOf(Date);
      const again = await store.createNotification(event);
      expect(again.created).toBe(true);
      expect(again.notification.id).not.toBe(a.notification.id);
    });

    it('never merges run notifications, lists newest first, filters unread, and scopes by user', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
      const dead = { userId: f.userId, kind: 'run_dead_lettered' as const, ruleId: f.rule.id, runId: run.id };
      const first = await store.createNotification({ ...dead, code: 'SW_PROVIDER_UNAVAILABLE' });
      await new Promise((resolve) => setTimeout(resolve, 3));
      const second = await store.createNotification({ ...dead, code: 'SW_PROVIDER_TIMEOUT' });
      expect(second.created).toBe(true);
      expect(second.notification).toMatchObject({ ruleId: f.rule.id, runId: run.id, connectionId: null });

      expect((await store.listNotifications({ userId: f.userId })).map((n) => n.id)).toEqual([
        second.notification.id,
        first.notification.id,
      ]);
      await store.markNotificationRead(second.notification.id, f.userId);
      expect(
        (await store.listNotifications({ userId: f.userId, unreadOnly: true })).map((n) => n.id),
      ).toEqual([first.notification.id]);
      expect(await store.listNotifications({ userId: g.userId })).toEqual([]);
      expect(await store.markNotificationRead(first.notification.id, g.userId)).toBeNull();
      expect((await store.listNotifications({ userId: f.userId, limit: 1 })).length).toBe(1);
    });

    it('counts refresh failures by distinct UTC day of one token version', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const at = (ms: number) => ({
        connectionId: f.source.id,
        tokenVersion: f.source.tokenVersion,
        at: new Date(Date.parse('2031-03-01T10:00:00Z') + ms),
        code: 'SW_PROVIDER_UNAVAILABLE' as const,
      });
      expect(await store.recordRefreshFailure(at(0))).toBe(1);
      expect(await store.recordRefreshFailure(at(3_600_000))).toBe(1);
      expect(await store.recordRefreshFailure(at(DAY_MS))).toBe(2);
      // A new token version (reconnect, good refresh) starts a fresh tally.
      expect(await store.recordRefreshFailure({ ...at(2 * DAY_MS), tokenVersion: 99 })).toBe(1);
      expect(await store.recordRefreshFailure(at(2 * DAY_MS))).toBe(3);
      await store.clearRefreshFailures(f.source.id);
      expect(await store.recordRefreshFailure(at(3 * DAY_MS))).toBe(1);
    });

    it('lists active connections of the given providers untouched since an instant', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const later = new Date(Date.now() + 60_000);
      const listed = await store.listKeepAliveConnections({
        providers: ['strava'],
        untouchedSince: later,
        limit: 10,
      });
      expect(listed.map((c) => c.id)).toContain(f.destination.id);
      expect(listed.map((c) => c.id)).not.toContain(f.source.id);
      await store.setConnectionStatus(f.destination.id, 'exhausted');
      expect((await store.getConnection(f.destination.id))?.status).toBe('exhausted');
      const after = await store.listKeepAliveConnections({
        providers: ['strava'],
        untouchedSince: later,
        limit: 10,
      });
      expect(after.map((c) => c.id)).not.toContain(f.destination.id);
      expect(
        await store.listKeepAliveConnections({
          providers: ['strava'],
          untouchedSince: new Date(0),
          limit: 10,
        }),
      ).toEqual([]);
    });
  });
}
