import type { ErrorCode } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { readComplaint } from './complaint.js';
import { assess } from './diagnosis-rules.js';
import type { Evidence } from './findings.js';

const NOW = new Date('2026-03-02T09:00:00Z');

function connection(id: string, provider: 'polar' | 'strava', displayName: string) {
  return {
    id,
    provider,
    displayName,
    status: 'active' as const,
    tokenExpiresAt: null,
    scopesGranted: [],
    scopesRequired: [],
    alarmCode: null,
    alarmAt: null,
    push: 'none' as const,
    readable: ['workout' as const],
    writable: ['workout' as const],
    successor: null,
    createdAt: '2026-03-01T08:00:00Z',
    updatedAt: '2026-03-01T08:00:00Z',
  };
}

function run(id: string, minute: number, itemCodes: Partial<Record<ErrorCode, number>>) {
  const at = `2026-03-02T08:${String(minute).padStart(2, '0')}:00Z`;
  return {
    id,
    trigger: 'manual' as const,
    status: 'succeeded' as const,
    errorCode: null,
    counts: { read: 1, written: 0, skipped: 1, failed: 0 },
    itemCodes,
    createdAt: at,
    finishedAt: at,
  };
}

/** Evidence of a healthy Polar → Strava rule with these runs, newest first. */
function evidence(runs: ReturnType<typeof run>[]): Evidence {
  return {
    rule: {
      id: 'rule-1',
      sourceConnectionId: 'c-polar',
      destinationConnectionId: 'c-strava',
      dataTypes: ['workout'],
      conflictStrategy: 'ask',
      enabled: true,
      intervalMinutes: 60,
      nextRunAt: null,
    },
    source: connection('c-polar', 'polar', 'Polar'),
    destination: connection('c-strava', 'strava', 'Strava'),
    runs,
    signal: null,
    deadLetters: [],
    webhook: null,
    backfills: [],
  };
}

const verdictOf = (runs: ReturnType<typeof run>[]) =>
  assess({
    evidence: evidence(runs),
    complaint: readComplaint('my workouts are missing'),
    answers: {},
    now: NOW,
  });

describe('the troubleshooter on conflicts', () => {
  it('says records wait for a choice while the latest run left them pending', () => {
    const verdict = verdictOf([
      run('r2', 30, { SW_ITEM_CONFLICT_PENDING: 1 }),
      run('r1', 10, { SW_ITEM_WRITTEN: 2 }),
    ]);
    expect(verdict.kind === 'diagnosis' && verdict.diagnosis.code).toBe('conflicts_waiting');
  });

  it('still says so when a newer run did not touch them', () => {
    const verdict = verdictOf([run('r2', 30, {}), run('r1', 10, { SW_ITEM_CONFLICT_PENDING: 1 })]);
    expect(verdict.kind === 'diagnosis' && verdict.diagnosis.code).toBe('conflicts_waiting');
  });

  it('no longer says so once a newer run applied the choice', () => {
    const verdict = verdictOf([
      run('r2', 30, { SW_ITEM_CONFLICT_DESTINATION_KEPT: 1 }),
      run('r1', 10, { SW_ITEM_CONFLICT_PENDING: 1 }),
    ]);
    expect(verdict.kind).toBe('question');
  });

  it('counts only the conflicts a newer run did not settle', () => {
    const verdict = verdictOf([
      run('r2', 30, { SW_ITEM_CONFLICT_SOURCE_WRITTEN: 1 }),
      run('r1', 10, { SW_ITEM_CONFLICT_PENDING: 3 }),
    ]);
    expect(verdict.kind === 'diagnosis' && verdict.diagnosis.explanation).toMatch(/^2 records differ/);
  });
});
