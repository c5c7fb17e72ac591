import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { intent, item, page, seedFixture } from './store.contract.js';

/** The SyncStatePort half of the store contract: ledger, intents, fences, commitPage. */
export function describeSyncStateContract(getStore: () => MetadataStore): void {
  describe('sync state', () => {
    it('records intents once, finds them by key and tag, and lists the open ones', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.recordIntents([intent(f, 'k1'), intent(f, 'k2')]);
      await store.recordIntents([{ ...intent(f, 'k1'), contentKey: 'changed', tag: 'other' }]);
      const found = await store.findLedger(f.destination.id, ['k1', 'k2', 'k3']);
      expect([...found.keys()].sort()).toEqual(['k1', 'k2']);
      expect(found.get('k1')).toEqual({ ...intent(f, 'k1'), status: 'intent', destinationId: null });
      expect((await store.findLedger(f.source.id, ['k1'])).size).toBe(0);
      expect([...(await store.findLedgerByTags(['tag-k2', 'tag-zz', 'other'])).keys()]).toEqual(['tag-k2']);
      expect((await store.listOpenIntents(f.rule.id)).map((e) => e.identityKey).sort()).toEqual(['k1', 'k2']);
      await store.recordIntents([]);
      expect((await store.findLedger(f.destination.id, [])).size).toBe(0);
    });

    it('handles more keys than one IN list holds', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const keys = Array.from({ length: 1234 }, (_, i) => `bulk-${i}`);
      await store.recordIntents(keys.map((k) => intent(f, k)));
      expect((await store.findLedger(f.destination.id, keys)).size).toBe(1234);
      expect((await store.findLedgerByTags(keys.map((k) => `tag-${k}`))).size).toBe(1234);
    });

    it('commits a page: ledger done, items, counts and cursor together', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
      await store.recordIntents([intent(f, 'k1')]);
      const ok = await store.commitPage(
        page(f, run.id, {
          cursor: 'cursor-1',
          done: [
            { identityKey: 'k1', destinationConnectionId: f.destination.id, destinationId: 'dest-1' },
            { identityKey: 'k-missing', destinationConnectionId: f.destination.id, destinationId: 'dest-2' },
          ],
          items: [item('e1'), { ...item('e2', 'failed'), message: 'missing start time' }],
        }),
      );
      expect(ok).toBe(true);
      const ledger = await store.findLedger(f.destination.id, ['k1', 'k-missing']);
      expect(ledger.get('k1')).toMatchObject({ status: 'done', destinationId: 'dest-1', tag: 'tag-k1' });
      expect(ledger.get('k-missing')).toMatchObject({
        status: 'done',
        destinationId: 'dest-2',
        ruleId: f.rule.id,
      });
      expect(await store.listOpenIntents(f.rule.id)).toEqual([]);
      expect(await store.getCursor(f.rule.id, 'workout')).toBe('cursor-1');
      expect(await store.getCursor(f.rule.id, 'sleep')).toBeNull();
      const items = await store.listRunItems(run.id);
      expect(items[1]).toMatchObject({
        outcome: 'failed',
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: 'missing start time',
      });
      expect((await store.getRun(run.id))?.counts).toEqual({ read: 2, written: 1, skipped: 0, failed: 1 });

      await store.commitPage(page(f, run.id, { cursor: null }));
      expect(await store.getCursor(f.rule.id, 'workout')).toBe('cursor-1');
      await store.commitPage(page(f, run.id, { cursor: 'cursor-2' }));
      expect(await store.getCursor(f.rule.id, 'workout')).toBe('cursor-2');
    });

    it('finds the ledger and records intents for what it did not find, in one step', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      await store.recordIntents([intent(f, 'open'), intent(f, 'done')]);
      await store.commitPage(
        page(f, run.id, {
          done: [{ identityKey: 'done', destinationConnectionId: f.destination.id, destinationId: 'd-done' }],
        }),
      );
      const find = store.findLedgerRecordingIntents?.bind(store);
      expect(find).toBeDefined();
      if (find === undefined) return;
      const keys = ['open', 'done', 'new-1', 'new-2'];
      // The answer is the ledger before the step: the new intents are not in it.
      const before = await find(
        f.destination.id,
        keys.map((k) => intent(f, k)),
      );
      expect(new Map([...before].map(([k, e]) => [k, e.status]))).toEqual(
        new Map([
          ['open', 'intent'],
          ['done', 'done'],
        ]),
      );
      const after = await store.findLedger(f.destination.id, keys);
      expect(after.get('new-1')).toEqual({ ...intent(f, 'new-1'), status: 'intent', destinationId: null });
      expect(after.get('done')).toMatchObject({ status: 'done', destinationId: 'd-done' });
      expect((await find(f.destination.id, [])).size).toBe(0);
      const bulk = Array.from({ length: 1234 }, (_, i) => intent(f, `bulk-${i}`));
      expect((await find(f.destination.id, bulk)).size).toBe(0);
      expect(
        (
          await store.findLedger(
            f.destination.id,
            bulk.map((b) => b.identityKey),
          )
        ).size,
      ).toBe(1234);
    });

    it('ends the run with its last page when asked: succeeded, or partial for missed data', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const clean = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      await store.markRunRunning(clean.id);
      await store.commitPage(page(f, clean.id, { items: [item('a'), item('b', 'skipped')] }));
      expect(await store.commitPage(page(f, clean.id, { items: [item('c')], finish: true }))).toBe(true);
      expect(await store.getRun(clean.id)).toMatchObject({
        status: 'succeeded',
        errorCode: null,
        counts: { read: 3, written: 2, skipped: 1, failed: 0 },
      });
      expect((await store.getRun(clean.id))?.finishedAt).toBeInstanceOf(Date);

      // Missed data on an earlier page, or on the last one, makes it partial.
      const earlier = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
      await store.commitPage(page(f, earlier.id, { items: [item('x', 'failed')] }));
      await store.commitPage(page(f, earlier.id, { items: [item('y')], finish: true }));
      expect((await store.getRun(earlier.id))?.status).toBe('partial');
      const last = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
      await store.commitPage(page(f, last.id, { items: [item('z', 'failed')], finish: true }));
      expect(await store.getRun(last.id)).toMatchObject({
        status: 'partial',
        counts: { read: 1, failed: 1 },
      });

      // A run that already ended keeps its status; the page itself still lands.
      const cancelled = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
      await store.finishRun(cancelled.id, 'cancelled', 'SW_RUN_CANCELLED');
      await store.commitPage(page(f, cancelled.id, { items: [item('w')], cursor: 'cw', finish: true }));
      expect(await store.getRun(cancelled.id)).toMatchObject({
        status: 'cancelled',
        errorCode: 'SW_RUN_CANCELLED',
      });
      expect(await store.getCursor(f.rule.id, 'workout')).toBe('cw');
    });

    it('writes nothing when any part of the page fails', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.recordIntents([intent(f, 'k1')]);
      const ghostRun = randomUUID(); // run items reference runs: this insert fails mid-transaction
      await expect(
        store.commitPage(
          page(f, ghostRun, {
            cursor: 'never',
            done: [{ identityKey: 'k1', destinationConnectionId: f.destination.id, destinationId: 'd' }],
            items: [item('e1')],
            fencingToken: 9,
          }),
        ),
      ).rejects.toThrow();
      expect((await store.findLedger(f.destination.id, ['k1'])).get('k1')?.status).toBe('intent');
      expect(await store.getCursor(f.rule.id, 'workout')).toBeNull();
      // The fence was not raised either: a token below 9 still commits.
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      expect(await store.commitPage(page(f, run.id, { fencingToken: 3 }))).toBe(true);
    });

    it('refuses a commit carrying an older fencing token, and writes nothing for it', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      await store.recordIntents([intent(f, 'k1')]);
      expect(await store.commitPage(page(f, run.id, { cursor: 'c5', fencingToken: 5 }))).toBe(true);
      const stale = page(f, run.id, {
        cursor: 'c-stale',
        fencingToken: 4,
        done: [{ identityKey: 'k1', destinationConnectionId: f.destination.id, destinationId: 'd' }],
        items: [item('late')],
      });
      expect(await store.commitPage(stale)).toBe(false);
      expect(await store.getCursor(f.rule.id, 'workout')).toBe('c5');
      expect(await store.listRunItems(run.id)).toEqual([]);
      expect((await store.findLedger(f.destination.id, ['k1'])).get('k1')?.status).toBe('intent');
      expect(await store.commitPage(page(f, run.id, { cursor: 'c5b', fencingToken: 5 }))).toBe(true);
      expect(await store.commitPage(page(f, run.id, { cursor: 'c7', fencingToken: 7 }))).toBe(true);
      expect(await store.commitPage(page(f, run.id, { cursor: 'c6', fencingToken: 6 }))).toBe(false);
      // Without a token there is no check (single-process callers).
      expect(await store.commitPage(page(f, run.id, { cursor: 'c-free' }))).toBe(true);
      expect(await store.getCursor(f.rule.id, 'workout')).toBe('c-free');
    });

    it('numbers the items of pages of one run committed at the same time without gaps or clashes', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'backfill' });
      const pages = [0, 1, 2, 3].map((p) =>
        store.commitPage(page(f, run.id, { items: [item(`p${p}-a`), item(`p${p}-b`, 'skipped')] })),
      );
      expect(await Promise.all(pages)).toEqual([true, true, true, true]);
      const items = await store.listRunItems(run.id);
      expect(items.map((i) => i.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      // Each page's items stay together, in order.
      for (let s = 0; s < 8; s += 2) {
        expect(items[s]?.externalId.replace('-a', '-b')).toBe(items[s + 1]?.externalId);
      }
      expect((await store.getRun(run.id))?.counts).toEqual({ read: 8, written: 4, skipped: 4, failed: 0 });
    });

    it('keeps ledger rows when their rule is deleted (no duplicate writes after re-creating it)', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.recordIntents([intent(f, 'k1')]);
      await store.deleteRule(f.rule.id, f.userId);
      expect((await store.findLedger(f.destination.id, ['k1'])).size).toBe(1);
    });
  });
}
