import { describe, expect, it } from 'vitest';
import { runSync } from '../sync/sync-engine.js';
import {
  day,
  MemoryDestination,
  MemorySource,
  MemorySyncState,
  run,
  runInput,
} from './conflict-test-support.js';
import type { ConflictStrategy } from './conflict-descriptor.js';

function codes(state: MemorySyncState): string[] {
  return state.items.map((i) => `${i.externalId}:${i.outcome}:${i.code}`);
}

async function once(
  strategy: ConflictStrategy,
  held: Parameters<MemoryDestination['hold']>[1],
  source: MemorySource['records'],
) {
  const dest = new MemoryDestination();
  dest.hold('act-pre', held);
  const state = new MemorySyncState();
  const outcome = await runSync(runInput(new MemorySource(source), dest, state, strategy));
  return { dest, state, outcome };
}

describe('conflict detection at a readable destination', () => {
  it('a record the destination already holds (from before SyncWell) is not written, and stays settled', async () => {
    const { dest, state, outcome } = await once('source_wins', run('d', 5010, 1), [run('p1', 5000)]);
    expect(dest.writes).toBe(0);
    expect(outcome.status).toBe('succeeded');
    expect(codes(state)).toEqual(['p1:skipped:SW_ITEM_DUPLICATE_AT_DESTINATION']);
    expect([...state.ledger.values()]).toMatchObject([{ status: 'done', destinationId: 'act-pre' }]);
    state.cursors.clear();
    await runSync(runInput(new MemorySource([run('p1', 5000)]), dest, state, 'source_wins', 'run-2'));
    expect(state.items.at(-1)?.code).toBe('SW_ITEM_ALREADY_SYNCED');
    expect(dest.reads).toBe(1); // nothing left to write: the destination is not read again
  });

  it('source wins overwrites a day (the destination keeps one per day)', async () => {
    const { dest, state } = await once('source_wins', day('d', 9000), [day('p-day', 12000)]);
    expect(codes(state)).toEqual(['p-day:written:SW_ITEM_CONFLICT_SOURCE_WRITTEN']);
    expect(dest.held.size).toBe(1);
    expect(dest.held.get('act-pre')).toMatchObject({ steps: { value: 12000 } });
  });

  it('source wins on a workout asks instead of adding a second activity', async () => {
    const { dest, state } = await once('source_wins', run('d', 8000), [run('p1', 5000)]);
    expect(dest.writes).toBe(0);
    expect(codes(state)).toEqual(['p1:skipped:SW_ITEM_CONFLICT_NOT_OVERWRITABLE']);
    expect([...state.conflicts.values()]).toMatchObject([
      {
        sourceExternalId: 'p1',
        destinationId: 'act-pre',
        status: 'open',
        code: 'SW_ITEM_CONFLICT_NOT_OVERWRITABLE',
      },
    ]);
  });

  it('destination wins writes nothing and records the destination id as the ledger row', async () => {
    const { dest, state } = await once('destination_wins', run('d', 8000), [run('p1', 5000)]);
    expect(dest.writes).toBe(0);
    expect(codes(state)).toEqual(['p1:skipped:SW_ITEM_CONFLICT_DESTINATION_KEPT']);
    expect([...state.ledger.values()]).toMatchObject([{ status: 'done', destinationId: 'act-pre' }]);
    expect(state.conflicts.size).toBe(0);
  });

  it('newest: the later start wins; a tie (a day) goes to the source', async () => {
    const later = await once('newest', run('d', 8000, 2), [run('p1', 5000)]);
    expect(codes(later.state)).toEqual(['p1:skipped:SW_ITEM_CONFLICT_DESTINATION_KEPT']);
    const earlier = await once('newest', run('d', 8000, -2), [run('p1', 5000)]);
    expect(codes(earlier.state)).toEqual(['p1:skipped:SW_ITEM_CONFLICT_NOT_OVERWRITABLE']);
    const tie = await once('newest', day('d', 9000), [day('p-day', 12000)]);
    expect(codes(tie.state)).toEqual(['p-day:written:SW_ITEM_CONFLICT_SOURCE_WRITTEN']);
  });

  it('keep both writes the second activity', async () => {
    const { dest, state } = await once('keep_both', run('d', 8000), [run('p1', 5000)]);
    expect(dest.held.size).toBe(2);
    expect(codes(state)).toEqual(['p1:written:SW_ITEM_CONFLICT_SOURCE_WRITTEN']);
  });

  it('ask and ai_suggestion store one descriptor without values, however often the record is seen', async () => {
    for (const strategy of ['ask', 'ai_suggestion'] as const) {
      const { dest, state, outcome } = await once(strategy, run('d', 8000), [run('p1', 5000)]);
      expect(outcome.status).toBe('succeeded');
      expect(codes(state)).toEqual(['p1:skipped:SW_ITEM_CONFLICT_PENDING']);
      state.cursors.clear();
      await runSync(runInput(new MemorySource([run('p1', 5000)]), dest, state, strategy, 'run-2'));
      expect(state.conflicts.size).toBe(1);
      const stored = JSON.stringify([...state.conflicts.values(), ...state.items, ...state.ledger.values()]);
      expect(stored).not.toContain('5000');
      expect(stored).not.toContain('8000');
      expect(stored).not.toContain('running');
    }
  });

  it('never takes a record this rule wrote for another source record as a conflict', async () => {
    const dest = new MemoryDestination();
    const state = new MemorySyncState();
    const source = new MemorySource([run('p1', 5000)]);
    await runSync(runInput(source, dest, state, 'ask'));
    // A second source record in the same slot: the source's own business, copied faithfully.
    source.records.push(run('p2', 9000, 1));
    await runSync(runInput(source, dest, state, 'ask', 'run-2'));
    expect(codes(state)).toEqual(['p1:written:SW_ITEM_WRITTEN', 'p2:written:SW_ITEM_WRITTEN']);
    expect(state.conflicts.size).toBe(0);
  });

  it('after a crash past the write, our own tagged copy settles the record (no conflict, no second write)', async () => {
    const dest = new MemoryDestination();
    const state = new MemorySyncState();
    const source = new MemorySource([run('p1', 5000)]);
    // A process that dies after the destination write, before the commit.
    class DyingState extends MemorySyncState {
      override commitPage(): Promise<boolean> {
        return Promise.reject(new Error('process died'));
      }
    }
    const dying = new DyingState();
    await expect(runSync(runInput(source, dest, dying, 'ask'))).rejects.toThrow('process died');
    // The intent survived in the store; hand it to the next run's state.
    for (const [key, entry] of dying.ledger) state.ledger.set(key, entry);
    expect(dest.writes).toBe(1);
    await runSync(runInput(source, dest, state, 'ask', 'run-2'));
    expect(dest.writes).toBe(1);
    expect(codes(state)).toEqual(['p1:skipped:SW_ITEM_DUPLICATE_AT_DESTINATION']);
  });
});

describe('resolutions are applied by the next run', () => {
  async function pending() {
    const dest = new MemoryDestination();
    dest.hold('act-pre', run('d', 8000));
    const state = new MemorySyncState();
    const source = new MemorySource([run('p1', 5000)]);
    await runSync(runInput(source, dest, state, 'ask'));
    const [conflict] = [...state.conflicts.values()];
    if (conflict === undefined) throw new Error('expected a conflict');
    return { dest, state, source, id: conflict.id };
  }

  it('"source" writes the source record (the cursor moved on: it is read again by its slot)', async () => {
    const { dest, state, source, id } = await pending();
    expect(state.resolveConflict(id, 'source')).toBe(true);
    const outcome = await runSync(runInput(source, dest, state, 'ask', 'run-2'));
    expect(outcome.counts).toMatchObject({ written: 1 });
    expect(state.items.at(-1)).toMatchObject({ externalId: 'p1', code: 'SW_ITEM_CONFLICT_SOURCE_WRITTEN' });
    expect(state.conflicts.get(id)).toMatchObject({ status: 'applied', resolution: 'source' });
    expect(state.resolveConflict(id, 'destination')).toBe(false);
    await runSync(runInput(source, dest, state, 'ask', 'run-3'));
    expect(dest.writes).toBe(1);
  });

  it('"both" writes too; "destination" marks the ledger done with the destination id', async () => {
    const both = await pending();
    both.state.resolveConflict(both.id, 'both');
    await runSync(runInput(both.source, both.dest, both.state, 'ask', 'run-2'));
    expect(both.dest.held.size).toBe(2);

    const { dest, state, source, id } = await pending();
    state.resolveConflict(id, 'destination');
    await runSync(runInput(source, dest, state, 'ask', 'run-2'));
    expect(dest.writes).toBe(0);
    expect(state.items.at(-1)).toMatchObject({
      code: 'SW_ITEM_CONFLICT_DESTINATION_KEPT',
      destinationId: 'act-pre',
    });
    expect([...state.ledger.values()]).toMatchObject([{ status: 'done', destinationId: 'act-pre' }]);
    expect(state.conflicts.get(id)?.status).toBe('applied');
    state.cursors.clear();
    await runSync(runInput(source, dest, state, 'ask', 'run-3'));
    expect(state.items.at(-1)?.code).toBe('SW_ITEM_ALREADY_SYNCED');
  });

  it('a record gone from the source closes its conflict without a write', async () => {
    const { dest, state, source, id } = await pending();
    state.resolveConflict(id, 'source');
    source.records = [];
    await runSync(runInput(source, dest, state, 'ask', 'run-2'));
    expect(state.items.at(-1)?.code).toBe('SW_ITEM_CONFLICT_SOURCE_GONE');
    expect(state.conflicts.get(id)?.status).toBe('applied');
    expect(dest.writes).toBe(0);
  });
});
