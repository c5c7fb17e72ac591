import { randomUUID } from 'node:crypto';
import type { RunItemResult } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import type { MetadataStore, NewBackfill, RunRow, TimeWindow } from './port.js';
import { item, page, seedFixture, type StoreFixture } from './store.contract.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const win = (fromDay: number, toDay: number): TimeWindow => ({
  from: new Date(T0 + fromDay * DAY),
  to: new Date(T0 + toDay * DAY),
});

function plan(f: StoreFixture, extra: Partial<NewBackfill> = {}): NewBackfill {
  return {
    ruleId: f.rule.id,
    userId: f.userId,
    dataTypes: ['workout'],
    range: win(0, 28),
    chunks: [win(21, 28), win(14, 21), win(7, 14), win(0, 7)],
    ...extra,
  };
}

/** Four 7-day chunks over 28 days, newest first, as the planner cuts them. */
async function fourChunks(store: MetadataStore, f: StoreFixture, parallelism = 1) {
  return store.createBackfill(plan(f, { parallelism }));
}

const refused: RunItemResult = {
  dataType: 'workout',
  externalId: 'backfill:activities:1-2',
  outcome: 'skipped',
  code: 'SW_PROVIDER_FORBIDDEN',
  destinationId: null,
};

/** The BackfillStore half of the store contract (migrations 0003, 0006). */
export function describeBackfillContract(getStore: () => MetadataStore): void {
  describe('backfills', () => {
    it('creates chunks with a run for the first, walks them in order, and never finishes one twice', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs, created } = await fourChunks(store, f);
      expect(created).toBe(true);
      expect(backfill).toMatchObject({
        status: 'running',
        ruleId: f.rule.id,
        dataTypes: ['workout'],
        requested: { from: null, to: null },
        clamps: [],
        reason: null,
      });
      expect(backfill.progress).toEqual({
        chunks: { total: 4, done: 0, partial: 0, failed: 0, cancelled: 0, pending: 3, running: 1 },
        records: { written: 0, skipped: 0, failed: 0 },
        doneMs: 0,
        plannedMs: 28 * DAY,
      });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'backfill', status: 'queued', backfillId: backfill.id });
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
      expect((await store.findActiveBackfill(f.rule.id))?.id).toBe(backfill.id);

      const first = await store.commitChunkPage({
        chunkId: chunks[0]!.id,
        runId: runs[0]!.id,
        commit: page(f, runs[0]!.id, { items: [item('a'), item('b', 'skipped'), item('c', 'failed')] }),
      });
      expect(first).toEqual({ committed: true, backfillStatus: 'running' });
      expect((await store.getBackfill(backfill.id))?.progress.records).toEqual({
        written: 1,
        skipped: 1,
        failed: 1,
      });
      const one = await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'partial' });
      expect(one?.runs).toHaveLength(1);
      expect(one?.settled).toBe(false);
      expect(one?.backfill.progress.chunks).toMatchObject({ total: 4, partial: 1, running: 1, pending: 2 });
      // A partial chunk says why: the most telling code among its missed items.
      expect((await store.listBackfillChunks(backfill.id))[0]?.reason).toEqual({
        code: 'SW_ITEM_INVALID_PAYLOAD',
        permission: null,
      });
      expect((await store.getRun(runs[0]!.id))?.status).toBe('partial');
      // A duplicate job for the finished run changes nothing and starts nothing.
      expect(await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' })).toBeNull();
      expect((await store.listBackfillChunks(backfill.id)).map((c) => c.status)).toEqual([
        'partial',
        'running',
        'pending',
        'pending',
      ]);

      let next = one?.runs[0];
      const settled: boolean[] = [];
      for (let i = 0; i < 3; i++) {
        const result = await store.finishBackfillChunk({ runId: next!.id, status: 'succeeded' });
        settled.push(result?.settled ?? false);
        next = result?.runs[0];
        if (i < 2) expect(result?.backfill.status).toBe('running');
        else expect(result).toMatchObject({ runs: [], backfill: { status: 'partial' } });
      }
      // Exactly one step ends it: the one that may tell the user.
      expect(settled).toEqual([false, false, true]);
      const done = await store.getBackfill(backfill.id, f.userId);
      expect(done).toMatchObject({
        status: 'partial',
        reason: { code: 'SW_ITEM_INVALID_PAYLOAD', permission: null },
        progress: { chunks: { total: 4, done: 3, partial: 1 } },
      });
      expect(done?.progress.doneMs).toBe(28 * DAY);
      expect(done?.finishedAt).toBeInstanceOf(Date);
      expect(await store.findActiveBackfill(f.rule.id)).toBeNull();
      expect(await store.listUnfinishedRuns()).toEqual([]);
      const listed = await store.listRuns({ userId: f.userId, backfillId: backfill.id });
      expect(listed).toHaveLength(4);
      expect(listed.every((r) => r.backfillId === backfill.id)).toBe(true);
      expect(await store.listRuns({ userId: f.userId, kind: 'sync' })).toEqual([]);
      expect(await store.listRuns({ userId: f.userId, kind: 'backfill_chunk' })).toHaveLength(4);
    });

    it('scopes reads to the owner and lists only cleanly read windows as done', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      expect(await store.getBackfill(backfill.id, g.userId)).toBeNull();
      expect(await store.listBackfillChunks(backfill.id, g.userId)).toEqual([]);
      expect(await store.getBackfill(randomUUID())).toBeNull();
      const first = await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' });
      await store.commitChunkPage({
        chunkId: (await store.findBackfillChunkByRun(first!.runs[0]!.id))!.id,
        runId: first!.runs[0]!.id,
        commit: page(f, first!.runs[0]!.id, { items: [item('x', 'failed')] }),
      });
      await store.finishBackfillChunk({ runId: first!.runs[0]!.id, status: 'partial' });
      // The partial chunk is read again by the next backfill: what it missed may be there now.
      expect(await store.listDoneBackfillWindows(f.rule.id, ['workout'])).toEqual([win(21, 28)]);
      expect(await store.listDoneBackfillWindows(f.rule.id, ['workout', 'sleep'])).toEqual([]);
      expect(await store.listDoneBackfillWindows(g.rule.id, ['workout'])).toEqual([]);
    });

    it('keeps one running or paused backfill per rule, also when requests race', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const results = await Promise.all([1, 2, 3, 4].map(() => store.createBackfill(plan(f))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!;
      expect(new Set(results.map((r) => r.backfill.id))).toEqual(new Set([winner.backfill.id]));
      expect(results.flatMap((r) => r.runs)).toHaveLength(1);
      // An empty plan answers the active one too, instead of a finished twin.
      expect(await store.createBackfill(plan(f, { chunks: [] }))).toMatchObject({
        created: false,
        backfill: { id: winner.backfill.id },
      });
      await store.cancelBackfill(winner.backfill.id, f.userId);
      const later = await store.createBackfill(plan(f, { paused: true }));
      expect(later).toMatchObject({ created: true, runs: [], backfill: { status: 'paused' } });
      expect(await store.createBackfill(plan(f))).toMatchObject({
        created: false,
        backfill: { id: later.backfill.id },
      });
    });

    it('keeps the asked window and its clamps', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill } = await store.createBackfill(
        plan(f, {
          requested: { from: new Date('1900-01-01'), to: null },
          clamps: [{ bound: 'from', reason: 'max_chunks', limit: 520 }],
        }),
      );
      expect(await store.getBackfill(backfill.id)).toMatchObject({
        requested: { from: new Date('1900-01-01'), to: null },
        clamps: [{ bound: 'from', reason: 'max_chunks', limit: 520 }],
        range: win(0, 28),
      });
    });

    it('checkpoints a chunk per data type with its page, counts executions and stalls', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { runs } = await fourChunks(store, f);
      const run = runs[0]!;
      const started = await store.beginChunkExecution(run.id);
      expect(started).toMatchObject({
        backfillStatus: 'running',
        dataTypes: ['workout'],
        ruleEnabled: true,
        sourceConnectionId: f.source.id,
        chunk: { executions: 1, stalls: 0, checkpoint: 0, cursors: {} },
      });
      const chunkId = started!.chunk.id;
      expect(await store.recordChunkStall(chunkId)).toBe(1);
      expect(await store.recordChunkStall(chunkId)).toBe(2);
      await store.commitChunkPage({
        chunkId,
        runId: run.id,
        commit: page(f, run.id, { items: [item('a')], cursor: 'rule-cursor-never-moved' }),
        checkpoint: { cursor: 'page-2', done: false },
      });
      expect(await store.getCursor(f.rule.id, 'workout')).toBeNull();
      await store.commitChunkPage({
        chunkId,
        runId: run.id,
        commit: page(f, run.id, { dataType: 'sleep', items: [] }),
        checkpoint: { cursor: null, done: true },
      });
      const again = await store.beginChunkExecution(run.id);
      expect(again?.chunk).toMatchObject({
        executions: 2,
        stalls: 0,
        checkpoint: 2,
        cursors: { workout: { cursor: 'page-2', done: false }, sleep: { cursor: null, done: true } },
        records: { written: 1, skipped: 0, failed: 0 },
      });
      // An outdated fencing token commits nothing, not even the checkpoint.
      await store.commitPage(page(f, run.id, { fencingToken: 10 }));
      const stale = await store.commitChunkPage({
        chunkId,
        runId: run.id,
        commit: page(f, run.id, { fencingToken: 9, items: [item('z')] }),
        checkpoint: { cursor: 'page-3', done: false },
      });
      expect(stale.committed).toBe(false);
      expect((await store.findBackfillChunkByRun(run.id))?.cursors.workout).toEqual({
        cursor: 'page-2',
        done: false,
      });
      expect(await store.beginChunkExecution(randomUUID())).toBeNull();
    });

    it('ends a chunk with a refusal that needs the user and fails the rest with it', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      const first = await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' });
      const second = first!.runs[0]!;
      const chunk = await store.findBackfillChunkByRun(second.id);
      await store.commitChunkPage({
        chunkId: chunk!.id,
        runId: second.id,
        commit: page(f, second.id, { items: [refused, item('recent')] }),
        checkpoint: { cursor: null, done: true },
        refusal: { code: 'SW_PROVIDER_FORBIDDEN', permission: 'HISTORICAL_DATA_EXPORT' },
      });
      const stopped = await store.finishBackfillChunk({ runId: second.id, status: 'partial' });
      expect(stopped).toMatchObject({ runs: [], settled: true, backfill: { status: 'partial' } });
      const reason = { code: 'SW_PROVIDER_FORBIDDEN', permission: 'HISTORICAL_DATA_EXPORT' };
      expect(stopped?.backfill.reason).toEqual(reason);
      expect(stopped?.backfill.progress.chunks).toMatchObject({ done: 1, partial: 1, failed: 2, pending: 0 });
      expect((await store.listBackfillChunks(backfill.id)).map((c) => [c.status, c.reason])).toEqual([
        ['done', null],
        ['partial', reason],
        ['failed', reason],
        ['failed', reason],
      ]);
    });

    it('fails the chunks left when a chunk fails for a reason that needs the user', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { runs } = await fourChunks(store, f);
      const stopped = await store.finishBackfillChunk({
        runId: runs[0]!.id,
        status: 'failed',
        errorCode: 'SW_PROVIDER_AUTH_REVOKED',
      });
      expect(stopped).toMatchObject({
        runs: [],
        settled: true,
        backfill: { status: 'failed', reason: { code: 'SW_PROVIDER_AUTH_REVOKED', permission: null } },
      });
      expect((await store.getRun(runs[0]!.id))?.errorCode).toBe('SW_PROVIDER_AUTH_REVOKED');
      // A retryable reason fails its chunk only; the next one starts.
      const g = await seedFixture(store);
      const other = await fourChunks(store, g);
      const next = await store.finishBackfillChunk({
        runId: other.runs[0]!.id,
        status: 'failed',
        errorCode: 'SW_PROVIDER_UNAVAILABLE',
      });
      expect(next?.runs).toHaveLength(1);
      expect(next?.backfill.progress.chunks).toMatchObject({ failed: 1, running: 1, pending: 2 });
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
      const { backfill, runs } = await store.createBackfill(plan(f, { range: win(0, 7), chunks: [] }));
      expect(runs).toEqual([]);
      expect(backfill).toMatchObject({
        status: 'succeeded',
        progress: { chunks: { total: 0 }, plannedMs: 0 },
      });
    });

    it('cancels at once: pending and unfinished chunks and their runs end cancelled', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      const first = await store.finishBackfillChunk({ runId: runs[0]!.id, status: 'succeeded' });
      const inFlight = first!.runs[0]!;
      await store.markRunRunning(inFlight.id);
      expect(await store.cancelBackfill(backfill.id, g.userId)).toBeNull();
      const cancelled = await store.cancelBackfill(backfill.id, f.userId);
      expect(cancelled).toMatchObject({ changed: true, backfill: { status: 'cancelled' } });
      expect(cancelled?.backfill.finishedAt).toBeInstanceOf(Date);
      expect(cancelled?.backfill.progress.chunks).toMatchObject({ done: 1, cancelled: 3, running: 0 });
      expect(await store.getRun(inFlight.id)).toMatchObject({
        status: 'cancelled',
        errorCode: 'SW_RUN_CANCELLED',
      });
      // The execution still in flight learns it at its next page, and its finish changes nothing.
      const chunk = (await store.listBackfillChunks(backfill.id))[1]!;
      expect(
        await store.commitChunkPage({ chunkId: chunk.id, runId: inFlight.id, commit: page(f, inFlight.id) }),
      ).toEqual({ committed: true, backfillStatus: 'cancelled' });
      expect(await store.finishBackfillChunk({ runId: inFlight.id, status: 'succeeded' })).toBeNull();
      expect(await store.listUnfinishedRuns()).toEqual([]);
      expect(await store.cancelBackfill(backfill.id, f.userId)).toMatchObject({
        changed: false,
        backfill: { status: 'cancelled' },
      });
      const done = await store.createBackfill(plan(f, { chunks: [] }));
      expect(await store.cancelBackfill(done.backfill.id, f.userId)).toMatchObject({
        changed: false,
        backfill: { status: 'succeeded' },
      });
    });

    it('pauses (chunks back to pending with their cursor) and resumes where it stopped', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const { backfill, runs } = await fourChunks(store, f);
      const old: RunRow = runs[0]!;
      const chunkId = (await store.findBackfillChunkByRun(old.id))!.id;
      await store.commitChunkPage({
        chunkId,
        runId: old.id,
        commit: page(f, old.id, { items: [item('a')] }),
        checkpoint: { cursor: 'page-2', done: false },
      });
      expect(await store.pauseBackfills(f.rule.id)).toBe(1);
      expect(await store.pauseBackfills(f.rule.id)).toBe(0);
      const paused = await store.getBackfill(backfill.id);
      expect(paused).toMatchObject({ status: 'paused', finishedAt: null });
      expect(paused?.progress.chunks).toMatchObject({ pending: 4, running: 0 });
      expect(await store.getRun(old.id)).toMatchObject({ status: 'cancelled' });
      expect(await store.findActiveBackfill(f.rule.id)).toMatchObject({ id: backfill.id });
      // The execution still in flight commits its page (the cursor moves) and learns it is paused.
      expect(
        await store.commitChunkPage({
          chunkId,
          runId: old.id,
          commit: page(f, old.id, { items: [item('b')] }),
          checkpoint: { cursor: 'page-3', done: false },
        }),
      ).toEqual({ committed: true, backfillStatus: 'paused' });

      const resumed = await store.resumeBackfills(f.rule.id);
      expect(resumed).toHaveLength(1);
      expect(resumed[0]).toMatchObject({ backfillId: backfill.id, status: 'queued' });
      expect(await store.resumeBackfills(f.rule.id)).toEqual([]);
      const chunk = await store.findBackfillChunkByRun(resumed[0]!.id);
      expect(chunk).toMatchObject({
        id: chunkId,
        status: 'running',
        cursors: { workout: { cursor: 'page-3', done: false } },
        records: { written: 2 },
      });
      // The old run's execution, still in flight, neither moves the chunk nor finishes it.
      expect(
        await store.commitChunkPage({
          chunkId,
          runId: old.id,
          commit: page(f, old.id),
          checkpoint: { cursor: 'stale', done: true },
        }),
      ).toEqual({ committed: true, backfillStatus: 'detached' });
      expect((await store.findBackfillChunkByRun(resumed[0]!.id))?.cursors.workout?.cursor).toBe('page-3');
      expect(await store.finishBackfillChunk({ runId: old.id, status: 'succeeded' })).toBeNull();
      expect((await store.getBackfill(backfill.id))?.status).toBe('running');
    });
  });
}
