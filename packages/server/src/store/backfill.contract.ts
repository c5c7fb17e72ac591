import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MetadataStore, TimeWindow } from './port.js';
import { item, page, seedFixture, type StoreFixture } from './store.contract.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const win = (fromDay: number, toDay: number): TimeWindow => ({
  from: new Date(T0 + fromDay * DAY),
  to: new Date(T0 + toDay * DAY),
});

/** Four 7-day chunks over 28 days, newest first, as the planner cuts them. */
async function fourChunks(store: MetadataStore, f: StoreFixture, parallelism = 1) {
  return store.createBackfill({
    ruleId: f.rule.id,
    userId: f.userId,
    dataTypes: ['workout'],
    range: win(0, 28),
    chunks: [win(21, 28), win(14, 21), win(7, 14), win(0, 7)],
    parallelism,
  });
}

/** The BackfillStore half of the store contract (migration 0003). */
export function describeBackfillContract(getStore: () => MetadataStore): void {
  describe('backfills', () => {
    it('creates chunks with a run for the first, walks them in order, and never finishes one twice', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      expect(backfill).toMatchObject({ status: 'running', ruleId: f.rule.id, dataTypes: ['workout'] });
      expect(backfill.progress).toEqual({
        chunks: { total: 4, done: 0, failed: 0 },
        records: 0,
        doneMs: 0,
        plannedMs: 28 * DAY,
      });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'backfill', status: 'queued', ruleId: f.rule.id });
      const chunks = await store.listBackfillChunks(backfill.id);
      expect(chunks.map((c) => [c.seq, c.status, c.runId])).toEqual([
        [0, 'running', runs[0]!.id],
        [1, 'pending', null],
        [2, 'pending', null],
        [3, 'pending', null],
      ]);
      expect(await store.findBackfillChunkByRun(runs[0]!.id)).toMatchObject({
        id: chunks[0]!.id,
        userId: f.userId,
        range: win(21, 28),
      });
      expect(await store.findBackfillChunkByRun(randomUUID())).toBeNull();
      expect((await store.findRunningBackfill(f.rule.id))?.id).toBe(backfill.id);

      // The same record listed twice (a resumed chunk reads its window again) counts once.
      await store.commitPage(page(f, runs[0]!.id, { items: [item('a'), item('b')] }));
      await store.recordChunkProgress(chunks[0]!.id, 1, 2);
      expect((await store.getBackfill(backfill.id))?.progress.records).toBe(2);
      await store.commitPage(page(f, runs[0]!.id, { items: [item('a', 'skipped'), item('c', 'failed')] }));
      const first = await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'partial' });
      expect(first?.runs).toHaveLength(1);
      expect(first?.backfill.progress).toMatchObject({
        chunks: { total: 4, done: 1, failed: 0 },
        records: 2,
      });
      expect((await store.getRun(runs[0]!.id))?.status).toBe('partial');
      // A duplicate job for the finished run changes nothing and starts nothing.
      expect(await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' })).toBeNull();
      expect((await store.listBackfillChunks(backfill.id)).map((c) => c.status)).toEqual([
        'done',
        'running',
        'pending',
        'pending',
      ]);

      let next = first?.runs[0];
      for (let i = 0; i < 3; i++) {
        const result = await store.finishBackfillChunk({ runId: next!.id, status: 'succeeded' });
        next = result?.runs[0];
        if (i < 2) expect(result?.backfill.status).toBe('running');
        else expect(result).toMatchObject({ runs: [], backfill: { status: 'succeeded' } });
      }
      const done = await store.getBackfill(backfill.id, f.userId);
      expect(done).toMatchObject({ status: 'succeeded', progress: { chunks: { total: 4, done: 4 } } });
      expect(done?.progress.doneMs).toBe(28 * DAY);
      expect(done?.finishedAt).toBeInstanceOf(Date);
      expect(await store.findRunningBackfill(f.rule.id)).toBeNull();
      expect(await store.listUnfinishedRuns()).toEqual([]);
    });

    it('scopes reads to the owner and lists done windows per rule and data types', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      expect(await store.getBackfill(backfill.id, g.userId)).toBeNull();
      expect(await store.getBackfill(randomUUID())).toBeNull();
      await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' });
      expect(await store.listDoneBackfillWindows(f.rule.id, ['workout'])).toEqual([win(21, 28)]);
      expect(await store.listDoneBackfillWindows(f.rule.id, ['workout', 'sleep'])).toEqual([]);
      expect(await store.listDoneBackfillWindows(g.rule.id, ['workout'])).toEqual([]);
    });

    it('stops a backfill: pending chunks fail and stay a gap', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      const first = await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' });
      const stopped = await store.finishBackfillChunk({
        runId: first!.runs[0]!.id,
        status: 'failed',
        errorCode: 'SW_CONNECTION_NOT_READY',
        stopBackfill: true,
      });
      expect(stopped).toMatchObject({ runs: [], backfill: { status: 'partial' } });
      expect(stopped?.backfill.progress.chunks).toEqual({ total: 4, done: 1, failed: 3 });
      expect((await store.getRun(first!.runs[0]!.id))?.errorCode).toBe('SW_CONNECTION_NOT_READY');
      expect((await store.getBackfill(backfill.id))?.status).toBe('partial');
    });

    it('keeps at most `parallelism` chunks running, even when chunks finish at the same moment', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f, 2);
      expect(runs).toHaveLength(2);
      const results = await Promise.all(
        runs.map((run) => store.finishBackfillChunk({ runId: run.id, status: 'succeeded', parallelism: 2 })),
      );
      const next = results.flatMap((r) => r?.runs ?? []);
      expect(next).toHaveLength(2);
      const chunks = await store.listBackfillChunks(backfill.id);
      expect(chunks.map((c) => c.status)).toEqual(['done', 'done', 'running', 'running']);
      expect(new Set(chunks.map((c) => c.runId)).size).toBe(4);
    });

    it('finishes at once when every window was done before', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs } = await store.createBackfill({
        ruleId: f.rule.id,
        userId: f.userId,
        dataTypes: ['workout'],
        range: win(0, 7),
        chunks: [],
      });
      expect(runs).toEqual([]);
      expect(backfill).toMatchObject({
        status: 'succeeded',
        progress: { chunks: { total: 0 }, plannedMs: 0 },
      });
    });
  });
}
