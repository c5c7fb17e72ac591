import { describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../records/canonical-record.js';
import { runSync } from '../sync/sync-engine.js';
import type { ConflictAdvice, ConflictAdvisor } from './conflict-advisor.js';
import {
  day,
  MemoryDestination,
  MemorySource,
  MemorySyncState,
  run,
  runInput,
} from './conflict-test-support.js';

function advisor(advice: ConflictAdvice | null | 'throws'): ConflictAdvisor & { asked: number } {
  const self = {
    asked: 0,
    advise: () => {
      self.asked++;
      return advice === 'throws' ? Promise.reject(new Error('down')) : Promise.resolve(advice);
    },
  };
  return self;
}

async function once(
  advice: ConflictAdvice | null | 'throws',
  held: CanonicalRecord = run('d', 8000),
  source: CanonicalRecord[] = [run('p1', 5000)],
) {
  const dest = new MemoryDestination();
  dest.hold('act-pre', held);
  const state = new MemorySyncState();
  const asked = advisor(advice);
  const outcome = await runSync({
    ...runInput(new MemorySource(source), dest, state, 'ai_suggestion'),
    conflictAdvisor: asked,
  });
  return { dest, state, outcome, asked, codes: state.items.map((i) => `${i.externalId}:${i.code}`) };
}

describe('ai_suggestion: the engine asks the advisor about each conflict', () => {
  it('a confident "destination" keeps the destination record', async () => {
    const { codes, dest, asked } = await once({ choice: 'destination', confidence: 0.9 });
    expect(asked.asked).toBe(1);
    expect(codes).toEqual(['p1:SW_ITEM_CONFLICT_DESTINATION_KEPT']);
    expect(dest.writes).toBe(0);
  });

  it('a confident "source" overwrites a day, and asks for a workout (never a second activity)', async () => {
    expect(
      (await once({ choice: 'source', confidence: 0.9 }, day('d', 9000), [day('p-day', 12000)])).codes,
    ).toEqual(['p-day:SW_ITEM_CONFLICT_SOURCE_WRITTEN']);
    expect((await once({ choice: 'source', confidence: 0.9 })).codes).toEqual([
      'p1:SW_ITEM_CONFLICT_NOT_OVERWRITABLE',
    ]);
  });

  it('low confidence, a merge, no advice or a failing advisor: the conflict waits for the user (the fallback)', async () => {
    for (const advice of [
      { choice: 'destination', confidence: 0.5 },
      { choice: 'undecided', confidence: 0.99 },
      null,
      'throws',
    ] as const) {
      const { codes, state, outcome } = await once(advice);
      expect(outcome.status).toBe('succeeded');
      expect(codes).toEqual(['p1:SW_ITEM_CONFLICT_PENDING']);
      expect(state.conflicts.size).toBe(1);
    }
  });
});
