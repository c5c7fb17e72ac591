import type { NewConflict } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { seedFixture, type StoreFixture } from './store.contract.js';

function conflict(f: StoreFixture, sourceExternalId: string, extra: Partial<NewConflict> = {}): NewConflict {
  return {
    ruleId: f.rule.id,
    dataType: 'workout',
    range: { from: new Date('2031-02-01T07:00:00Z'), to: new Date('2031-02-01T07:30:00Z') },
    sourceExternalId,
    destinationId: `dst-${sourceExternalId}`,
    code: 'SW_ITEM_CONFLICT_PENDING',
    ...extra,
  };
}

/** The migration-0005 half of the store contract: conflict descriptors. */
export function describeConflictContract(getStore: () => MetadataStore): void {
  describe('conflicts', () => {
    it('keeps one unapplied descriptor per source record, even when runs race to record it', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await Promise.all([
        store.recordConflicts([conflict(f, 'w1')]),
        store.recordConflicts([conflict(f, 'w1', { destinationId: 'other' })]),
      ]);
      await store.recordConflicts([conflict(f, 'w1'), conflict(f, 'w2')]);
      const listed = await store.listConflicts({ userId: f.userId });
      expect(listed.map((c) => c.sourceExternalId).sort()).toEqual(['w1', 'w2']);
      const w1 = listed.find((c) => c.sourceExternalId === 'w1');
      expect(w1).toMatchObject({
        ruleId: f.rule.id,
        dataType: 'workout',
        range: { from: new Date('2031-02-01T07:00:00Z'), to: new Date('2031-02-01T07:30:00Z') },
        code: 'SW_ITEM_CONFLICT_PENDING',
        status: 'open',
        resolution: null,
        resolvedAt: null,
        appliedAt: null,
      });
      expect(w1?.detectedAt).toBeInstanceOf(Date);
    });

    it('shows a user only their own conflicts, filtered by status and rule', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const otherRule = await store.createRule({ ...f.rule, conflictStrategy: 'ask' });
      await store.recordConflicts([conflict(f, 'a'), conflict(f, 'b', { ruleId: otherRule.id })]);
      await store.recordConflicts([conflict(g, 'c')]);
      const mine = await store.listConflicts({ userId: f.userId });
      expect(mine).toHaveLength(2);
      const [first] = mine;
      if (first === undefined) throw new Error('expected a conflict');
      expect(await store.getConflict(first.id, g.userId)).toBeNull();
      expect(await store.resolveConflict(first.id, g.userId, 'source')).toBeNull();
      expect((await store.getConflict(first.id, f.userId))?.status).toBe('open');
      expect((await store.getConflict(first.id))?.id).toBe(first.id);
      expect(
        (await store.listConflicts({ userId: f.userId, ruleId: otherRule.id })).map(
          (c) => c.sourceExternalId,
        ),
      ).toEqual(['b']);
      await store.resolveConflict(first.id, f.userId, 'destination');
      expect(
        (await store.listConflicts({ userId: f.userId, status: 'open' })).map((c) => c.id),
      ).not.toContain(first.id);
      expect((await store.listConflicts({ userId: f.userId, status: 'resolved' })).map((c) => c.id)).toEqual([
        first.id,
      ]);
      expect(await store.listConflicts({ userId: f.userId, limit: 1 })).toHaveLength(1);
    });

    it('resolves (a later choice replaces an earlier one), is applied once, and then is history', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.recordConflicts([conflict(f, 'w1')]);
      const [open] = await store.listConflicts({ userId: f.userId });
      if (open === undefined) throw new Error('expected a conflict');
      await store.resolveConflict(open.id, f.userId, 'source');
      const changed = await store.resolveConflict(open.id, f.userId, 'both');
      expect(changed).toMatchObject({ status: 'resolved', resolution: 'both' });
      expect(changed?.resolvedAt).toBeInstanceOf(Date);
      expect((await store.listResolvedConflicts(f.rule.id)).map((c) => c.id)).toEqual([open.id]);

      await store.markConflictsApplied([open.id]);
      await store.markConflictsApplied([open.id]);
      const applied = await store.getConflict(open.id);
      expect(applied).toMatchObject({ status: 'applied', resolution: 'both' });
      expect(applied?.appliedAt).toBeInstanceOf(Date);
      expect(await store.listResolvedConflicts(f.rule.id)).toEqual([]);
      // The API refuses to change an applied conflict: the store hands it back unchanged.
      expect(await store.resolveConflict(open.id, f.userId, 'destination')).toMatchObject({
        status: 'applied',
        resolution: 'both',
      });
      // Seen in conflict again later (the source changed): a new descriptor, the old one stays history.
      await store.recordConflicts([conflict(f, 'w1')]);
      expect((await store.listConflicts({ userId: f.userId })).map((c) => c.status).sort()).toEqual([
        'applied',
        'open',
      ]);
    });

    it('marks only resolved conflicts applied, and goes when its rule goes', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.recordConflicts([conflict(f, 'w1')]);
      const [open] = await store.listConflicts({ userId: f.userId });
      if (open === undefined) throw new Error('expected a conflict');
      await store.markConflictsApplied([open.id]);
      expect((await store.getConflict(open.id))?.status).toBe('open');
      await store.markConflictsApplied([]);
      await store.deleteRule(f.rule.id);
      expect(await store.getConflict(open.id)).toBeNull();
    });
  });
}
