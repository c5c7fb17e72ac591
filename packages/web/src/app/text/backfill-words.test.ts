import { describe, expect, it } from 'vitest';
import type { Backfill } from '../api/types.js';
import { backfillSentence, windowChoices, windowSentence } from './backfill-words.js';

const backfill = (over: Partial<Backfill>): Backfill => ({
  id: 'b',
  ruleId: 'r',
  status: 'running',
  dataTypes: ['workout'],
  effective: { from: '2026-05-01T00:00:00Z', to: '2026-05-31T00:00:00Z' },
  clamped: [],
  chunks: { total: 5, pending: 2, running: 1 },
  records: { written: 3, skipped: 1, failed: 0 },
  days: { total: 30, done: 14 },
  reason: null,
  createdAt: '2026-05-31T00:00:00Z',
  finishedAt: null,
  ...over,
});

describe('history import words', () => {
  it("offers only what the source's window holds, and the window itself", () => {
    expect(windowChoices(null).map((c) => c.days)).toEqual([7, 30, 90, 365]);
    // Garmin keeps 30 days.
    expect(windowChoices(30).map((c) => c.days)).toEqual([7, 30]);
    expect(windowChoices(60).map((c) => [c.days, c.label])).toEqual([
      [7, 'The last week'],
      [30, 'The last 30 days'],
      [60, 'All 60 days it keeps'],
    ]);
    expect(windowSentence({ displayName: 'Garmin', backfillWindowDays: 30 })).toBe(
      'Garmin gives only the last 30 days of history.',
    );
  });

  it('says where an import stands and how it ended', () => {
    expect(backfillSentence(backfill({}))).toBe(
      'Importing: 14 of 30 days read, 3 records copied, 1 already there or not needed so far.',
    );
    expect(
      backfillSentence(backfill({ status: 'cancelled', records: { written: 1, skipped: 0, failed: 2 } })),
    ).toBe(
      'Cancelled after 14 of 30 days. What was copied stays: 1 record copied, 2 refused by the destination.',
    );
    expect(
      backfillSentence(backfill({ status: 'failed', reason: { code: 'SW_ITEM_WRITTEN', permission: null } })),
    ).toBe('The import could not read your history. It is now at the destination.');
  });
});
