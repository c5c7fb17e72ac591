import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { seedFixture } from './store.contract.js';

/** The migration-0006 half of the store contract: weekly-summary schedules. */
export function describeSummaryScheduleContract(getStore: () => MetadataStore): void {
  describe('summary schedules', () => {
    it('enrols users once, claims what is due exactly once across racing claims, and records the week sent', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const due = new Date('2031-03-03T08:00:00Z');
      expect(await store.addMissingSummarySchedules('UTC', due)).toBeGreaterThanOrEqual(1);
      expect(await store.addMissingSummarySchedules('UTC', due)).toBe(0);
      await store.upsertSummarySchedule({
        userId: f.userId,
        timeZone: 'Europe/Berlin',
        enabled: true,
        nextDueAt: due,
      });
      expect(await store.getSummarySchedule(f.userId)).toMatchObject({
        timeZone: 'Europe/Berlin',
        lastSentWeek: null,
      });

      expect(await store.claimDueSummaries(new Date(due.getTime() - 1), 10, 60_000)).toEqual([]);
      const claims = await Promise.all([
        store.claimDueSummaries(due, 1000, 60_000),
        store.claimDueSummaries(due, 1000, 60_000),
      ]);
      const mine = claims.flat().filter((s) => s.userId === f.userId);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.nextDueAt).toEqual(new Date(due.getTime() + 60_000));

      const next = new Date('2031-03-10T07:00:00Z');
      await store.markSummarySent(f.userId, '2031-02-24', due, next);
      expect(await store.getSummarySchedule(f.userId)).toMatchObject({
        lastSentWeek: '2031-02-24',
        lastSentAt: due,
        nextDueAt: next,
      });
      await store.upsertSummarySchedule({
        userId: f.userId,
        timeZone: 'UTC',
        enabled: false,
        nextDueAt: due,
      });
      expect((await store.claimDueSummaries(next, 1000, 60_000)).some((s) => s.userId === f.userId)).toBe(
        false,
      );
    });
  });
}
