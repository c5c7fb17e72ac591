import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  DataProvider,
  ProviderSession,
  ReadItem,
  WriteItem,
  WriteResult,
} from '../provider/data-provider.js';
import type { ProviderFacts } from '../provider/provider-facts.js';
import type { Workout } from '../records/workout.js';
import { sampleTriathlon } from '../records/multisport-test-support.js';
import { MemorySyncState } from './memory-sync-state.js';
import { RunLockLostError, runSync, type SyncRunInput } from './sync-engine.js';

const hash = (input: string) => createHmac('sha256', 'test-secret').update(input).digest('hex');

function facts(id: 'polar' | 'strava', readable: boolean, writable: boolean): ProviderFacts {
  return {
    id,
    displayName: id,
    defaultBaseUrls: { api: 'http://x', authorize: 'http://x', token: 'http://x' },
    auth: {
      kind: 'oauth2',
      scopes: [],
      scopeSeparator: ' ',
      pkce: 'none',
      clientAuth: 'basic',
      refresh: 'none',
      accessTokenLifetimeSeconds: null,
    },
    capabilities: {
      readable: readable ? ['workout'] : [],
      writable: writable ? ['workout'] : [],
      push: 'none',
      backfillWindowDays: null,
    },
    rateLimits: [],
    terms: { ownerOnly: false, excludeFromTraining: false },
  };
}

function workout(n: number, syncTag?: string): Workout {
  const start = Date.UTC(2026, 10, 1 + n, 7, 0, 0);
  return {
    type: 'workout',
    provenance: { provider: 'polar', externalId: `ex-${n}`, ...(syncTag ? { syncTag } : {}) },
    sport: 'running',
    startTime: new Date(start).toISOString(),
    endTime: new Date(start + 1800_000).toISOString(),
    utcOffsetMinutes: 60,
    distance: { value: 5000 + n, unit: 'm' },
    laps: [],
  };
}

/** A source that pages through an in-memory list; the cursor is the index of the next item. */
class ListSource implements DataProvider {
  readonly facts = facts('polar', true, false);
  constructor(
    public items: ReadItem[],
    private readonly pageSize = 2,
  ) {}
  read(_s: ProviderSession, req: { cursor: string | null }) {
    const from = req.cursor === null ? 0 : Number(req.cursor);
    const slice = this.items.slice(from, from + this.pageSize);
    const next = from + slice.length;
    return Promise.resolve({ items: slice, nextCursor: String(next), hasMore: next < this.items.length });
  }
  write(): Promise<WriteResult[]> {
    return Promise.reject(new Error('read-only'));
  }
}

/** A destination that stores by tag and can be told to die after writing (a crash before commit). */
class TagStore implements DataProvider {
  readonly facts = facts('strava', false, true);
  readonly byTag = new Map<string, string>();
  writes = 0;
  crashAfterWrites = Infinity;
  reject = new Set<string>();
  write(_s: ProviderSession, items: readonly WriteItem[]) {
    return Promise.resolve(
      items.map((item): WriteResult => {
        if (this.reject.has(item.record.provenance.externalId)) {
          return { status: 'failed', code: 'SW_ITEM_REJECTED_BY_DESTINATION', message: 'bad' };
        }
        if (this.writes >= this.crashAfterWrites) throw new Error('process died');
        const existing = this.byTag.get(item.tag);
        if (existing) return { status: 'duplicate', destinationId: existing };
        this.writes += 1;
        const id = `act-${this.writes}`;
        this.byTag.set(item.tag, id);
        return { status: 'written', destinationId: id };
      }),
    );
  }
  findByTag(_s: ProviderSession, item: WriteItem) {
    return Promise.resolve(this.byTag.get(item.tag) ?? null);
  }
  read() {
    return Promise.resolve({ items: [], nextCursor: null, hasMore: false });
  }
}

const session: ProviderSession = {
  connectionId: 'c',
  externalUserId: 'u',
  accessToken: () => Promise.resolve('t'),
  refreshAccessToken: () => Promise.resolve('t'),
};

function input(
  source: DataProvider,
  destination: DataProvider,
  state: MemorySyncState,
  runId = 'run-1',
): SyncRunInput {
  return {
    runId,
    ruleId: 'rule-1',
    dataTypes: ['workout'],
    source: { connectionId: 'src', provider: source, session },
    destination: { connectionId: 'dst', provider: destination, session },
    state,
    hash,
  };
}

const ok = (w: Workout): ReadItem => ({ ok: true, record: w });

describe('runSync', () => {
  it('writes every record once, pages through, and advances the cursor', async () => {
    const source = new ListSource([1, 2, 3, 4, 5].map((n) => ok(workout(n))));
    const dest = new TagStore();
    const state = new MemorySyncState();
    const outcome = await runSync(input(source, dest, state));
    expect(outcome).toEqual({ status: 'succeeded', counts: { read: 5, written: 5, skipped: 0, failed: 0 } });
    expect(dest.writes).toBe(5);
    expect(state.cursors.get('rule-1|workout')).toBe('5');
  });

  it('with finishRun, ends the run in its last page commit only', async () => {
    const source = new ListSource([1, 2, 3, 4, 5].map((n) => ok(workout(n))));
    const state = new MemorySyncState();
    const finishes: boolean[] = [];
    const commitPage = state.commitPage.bind(state);
    state.commitPage = (commit) => {
      finishes.push(commit.finish === true);
      return commitPage(commit);
    };
    const outcome = await runSync({ ...input(source, new TagStore(), state), finishRun: true });
    expect(finishes).toEqual([false, false, true]);
    expect(outcome.finished).toBe(true);
    // Without it (or with nothing to commit) the caller finishes the run.
    finishes.length = 0;
    expect((await runSync(input(source, new TagStore(), state, 'run-2'))).finished).toBeUndefined();
    expect(finishes).toEqual([false]);
    const none = await runSync({
      ...input(source, new TagStore(), state, 'run-3'),
      dataTypes: ['sleep'],
      finishRun: true,
    });
    expect(none.finished).toBeUndefined();
  });

  it('finds the ledger and records the intents in one step when only the ledger decides', async () => {
    const source = new ListSource(
      [1, 2].map((n) => ok(workout(n))),
      10,
    );
    const state = new MemorySyncState();
    let steps = 0;
    let separateIntents = 0;
    const find = state.findLedgerRecordingIntents.bind(state);
    const record = state.recordIntents.bind(state);
    state.recordIntents = (intents) => {
      separateIntents += 1;
      return record(intents);
    };
    state.findLedgerRecordingIntents = async (destination, intents) => {
      steps += 1;
      const found = await find(destination, intents);
      separateIntents -= 1; // the one recordIntents call inside the step
      return found;
    };
    const outcome = await runSync(input(source, new TagStore(), state));
    expect(outcome.counts.written).toBe(2);
    expect({ steps, separateIntents }).toEqual({ steps: 1, separateIntents: 0 });
    expect([...state.ledger.values()].map((e) => e.status)).toEqual(['done', 'done']);
  });

  it('a second run writes nothing, even when re-reading from the start', async () => {
    const source = new ListSource([1, 2, 3].map((n) => ok(workout(n))));
    const dest = new TagStore();
    const state = new MemorySyncState();
    await runSync(input(source, dest, state));
    state.cursors.clear(); // a reconnect or a lost cursor: the ledger alone must prevent duplicates
    const second = await runSync(input(source, dest, state, 'run-2'));
    expect(second.counts).toEqual({ read: 3, written: 0, skipped: 3, failed: 0 });
    expect(dest.writes).toBe(3);
    expect(state.items.slice(3).every((i) => i.code === 'SW_ITEM_ALREADY_SYNCED')).toBe(true);
  });

  it('never syncs back a record it wrote itself (loop prevention by tag)', async () => {
    const state = new MemorySyncState();
    const dest = new TagStore();
    await runSync(input(new ListSource([ok(workout(1))]), dest, state));
    const [tag] = [...dest.byTag.keys()];
    const echoed = {
      ...workout(9, tag),
      provenance: { provider: 'strava' as const, externalId: 'act-1', syncTag: tag! },
    };
    const back = await runSync({
      ...input(new ListSource([ok(echoed)]), new TagStore(), state, 'run-2'),
      ruleId: 'rule-2',
    });
    expect(back.counts.written).toBe(0);
    expect(state.items.at(-1)?.code).toBe('SW_ITEM_LOOP_PREVENTED');
  });

  it('after a crash between the destination write and the commit, the retry writes nothing twice', async () => {
    const source = new ListSource(
      [1, 2].map((n) => ok(workout(n))),
      10,
    );
    const dest = new TagStore();
    dest.crashAfterWrites = 1;
    const state = new MemorySyncState();
    await expect(runSync(input(source, dest, state))).rejects.toThrow('process died');
    expect(state.cursors.size).toBe(0);
    dest.crashAfterWrites = Infinity;
    const retry = await runSync(input(source, dest, state, 'run-2'));
    expect(dest.writes).toBe(2);
    expect(retry.counts.written).toBe(2);
    expect(state.items.map((i) => i.code).sort()).toEqual([
      'SW_ITEM_DUPLICATE_AT_DESTINATION',
      'SW_ITEM_WRITTEN',
    ]);
  });

  it('skips invalid source records and destination rejections with reason codes; the run goes on', async () => {
    const source = new ListSource([
      ok(workout(1)),
      {
        ok: false,
        externalId: 'bad-1',
        code: 'SW_ITEM_INVALID_PAYLOAD',
        message: 'distance: expected number',
      },
      ok(workout(2)),
    ]);
    const dest = new TagStore();
    dest.reject.add('ex-2');
    const state = new MemorySyncState();
    const outcome = await runSync(input(source, dest, state));
    expect(outcome).toEqual({ status: 'partial', counts: { read: 3, written: 1, skipped: 1, failed: 1 } });
    expect(new Map(state.items.map((i) => [i.externalId, i.code]))).toEqual(
      new Map([
        ['ex-1', 'SW_ITEM_WRITTEN'],
        ['bad-1', 'SW_ITEM_INVALID_PAYLOAD'],
        ['ex-2', 'SW_ITEM_REJECTED_BY_DESTINATION'],
      ]),
    );
  });

  it('a worker whose fencing token is outdated commits nothing', async () => {
    const state = new MemorySyncState();
    const dest = new TagStore();
    await runSync({ ...input(new ListSource([ok(workout(1))]), dest, state), fencingToken: 5 });
    const stale = runSync({
      ...input(new ListSource([ok(workout(2))]), dest, state, 'run-2'),
      fencingToken: 4,
    });
    await expect(stale).rejects.toBeInstanceOf(RunLockLostError);
    expect(state.items).toHaveLength(1);
  });

  it('persists nothing but keys, tags, ids and codes', async () => {
    const state = new MemorySyncState();
    await runSync(input(new ListSource([ok(workout(1))]), new TagStore(), state));
    const persisted = JSON.stringify([...state.ledger.values(), ...state.items, ...state.cursors.values()]);
    expect(persisted).not.toContain('5001'); // the distance value
    expect(persisted).not.toContain('2026-11-02T07'); // the start time
  });
});

describe('run status', () => {
  it('is partial when a source record was unusable, even if every write succeeded', async () => {
    const source = new ListSource([
      ok(workout(1)),
      { ok: false, externalId: 'bad-1', code: 'SW_ITEM_CORRUPT_FILE', message: 'truncated FIT' },
    ]);
    const outcome = await runSync(input(source, new TagStore(), new MemorySyncState()));
    expect(outcome.status).toBe('partial');
    expect(outcome.counts).toEqual({ read: 2, written: 1, skipped: 1, failed: 0 });
  });

  it('stays succeeded when the only skips mean there was nothing to do', async () => {
    const state = new MemorySyncState();
    const source = new ListSource([ok(workout(1))]);
    await runSync(input(source, new TagStore(), state));
    state.cursors.clear();
    expect((await runSync(input(source, new TagStore(), state, 'run-2'))).status).toBe('succeeded');
  });
});

describe('multisport workouts and warnings', () => {
  const triathlon = (): Workout => ({
    ...sampleTriathlon(),
    provenance: { provider: 'polar', externalId: 'tri-1' },
  });
  const wholeTaker = (): TagStore => {
    const store = new TagStore();
    const base = store.facts;
    Object.defineProperty(store, 'facts', {
      value: { ...base, capabilities: { ...base.capabilities, multisportWorkouts: 'whole' } },
    });
    return store;
  };

  it('writes one workout per leg, each with its own ledger row, to a destination that cannot take legs', async () => {
    const dest = new TagStore();
    const written: WriteItem[] = [];
    const write = dest.write.bind(dest);
    dest.write = (s, items) => {
      written.push(...items);
      return write(s, items);
    };
    const state = new MemorySyncState();
    const outcome = await runSync(input(new ListSource([ok(triathlon())]), dest, state));
    expect(outcome.counts).toEqual({ read: 5, written: 5, skipped: 0, failed: 0 });
    expect(state.items.map((i) => i.externalId)).toEqual([1, 2, 3, 4, 5].map((n) => `tri-1#leg${String(n)}`));
    expect(written.map((w) => (w.record.type === 'workout' ? w.record.sport : ''))).toEqual([
      'open_water_swimming',
      'other',
      'cycling',
      'other',
      'running',
    ]);
    expect(new Set(written.map((w) => w.tag)).size).toBe(5);
    // Read again: every leg is in the ledger, nothing is written twice.
    state.cursors.clear();
    const again = await runSync(input(new ListSource([ok(triathlon())]), dest, state, 'run-2'));
    expect(again.counts).toEqual({ read: 5, written: 0, skipped: 5, failed: 0 });
  });

  it('writes the activity whole to a destination that declares multisportWorkouts: whole', async () => {
    const dest = wholeTaker();
    const state = new MemorySyncState();
    const outcome = await runSync(input(new ListSource([ok(triathlon())]), dest, state));
    expect(outcome.counts.written).toBe(1);
    expect(state.items.map((i) => i.externalId)).toEqual(['tri-1']);
  });

  it('carries read and write warnings into the item result message', async () => {
    const dest = new TagStore();
    const write = dest.write.bind(dest);
    dest.write = async (s, items) =>
      (await write(s, items)).map((r) =>
        r.status === 'written' ? { ...r, warnings: ['energy rounded to whole kcal'] } : r,
      );
    const state = new MemorySyncState();
    const read: ReadItem = {
      ok: true,
      record: workout(1),
      warnings: ['2 track points without a time skipped'],
    };
    await runSync(input(new ListSource([read]), dest, state));
    expect(state.items[0]?.message).toBe(
      'energy rounded to whole kcal; 2 track points without a time skipped',
    );
  });
});
