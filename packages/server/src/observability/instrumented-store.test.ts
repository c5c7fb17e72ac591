import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunItemResult } from '@syncwell/core';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { seedFixture, type StoreFixture } from '../store/store.contract.js';
import type { MetadataStore } from '../store/port.js';
import { instrumentStore } from './instrumented-store.js';
import { parseMetricsText, sumOf } from './metrics-text-test-support.js';
import { createSyncWellMetrics, renderMetrics, type SyncWellMetrics } from './sync-metrics.js';

describe('instrumentStore: the KPIs counted where runs end and pages commit', () => {
  let dir: string;
  let raw: MetadataStore;
  let metrics: SyncWellMetrics;
  let store: MetadataStore;
  let f: StoreFixture;
  let nowMs = 0;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sw-obs-store-'));
    raw = await createSqliteStore({ filename: join(dir, 'db.sqlite') });
    metrics = createSyncWellMetrics(new Registry());
    store = instrumentStore(raw, metrics, () => nowMs);
    f = await seedFixture(store);
  });
  afterEach(async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const samples = async () => parseMetricsText(await renderMetrics(metrics));

  /** What the worker does: read the run, then end it (the clock `afterMs` after the request). */
  async function runToEnd(
    trigger: 'manual' | 'scheduled',
    status: 'succeeded' | 'failed',
    afterMs: number,
    code?: 'SW_PROVIDER_AUTH_REVOKED',
  ) {
    const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger });
    await store.getRun(run.id);
    nowMs = run.createdAt.getTime() + afterMs;
    expect(await store.finishRun(run.id, status, code)).toBe(true);
    return run;
  }

  it('counts runs by trigger and outcome, manual latency, re-auth failures and the first success once', async () => {
    const user = await raw.getUser(f.userId);
    const first = await runToEnd('manual', 'succeeded', 4_000);
    await runToEnd('scheduled', 'succeeded', 1_000);
    await runToEnd('scheduled', 'failed', 1_000, 'SW_PROVIDER_AUTH_REVOKED');
    const s = await samples();
    expect(sumOf(s, 'syncwell_sync_jobs_total', { trigger: 'manual', outcome: 'succeeded' })).toBe(1);
    expect(sumOf(s, 'syncwell_sync_jobs_total', { trigger: 'scheduled' })).toBe(2);
    expect(sumOf(s, 'syncwell_manual_sync_duration_seconds_sum')).toBe(4);
    expect(sumOf(s, 'syncwell_manual_sync_duration_seconds_count')).toBe(1);
    expect(sumOf(s, 'syncwell_sync_reauth_failures_total', { trigger: 'scheduled' })).toBe(1);
    expect(sumOf(s, 'syncwell_user_time_to_first_sync_seconds_count')).toBe(1);
    // Sign-up (the row's time) to the first success's end (our clock); later successes add nothing.
    const expected = (first.createdAt.getTime() + 4_000 - user!.createdAt.getTime()) / 1000;
    expect(sumOf(s, 'syncwell_user_time_to_first_sync_seconds_sum')).toBeCloseTo(expected, 3);
    expect(sumOf(s, 'syncwell_active_users')).toBe(1);
    expect(sumOf(s, 'syncwell_user_signups_total')).toBe(1);
  });

  it('does not count a run that was already finished', async () => {
    const run = await runToEnd('manual', 'succeeded', 1_000);
    expect(await store.finishRun(run.id, 'failed')).toBe(false);
    expect(sumOf(await samples(), 'syncwell_sync_jobs_total')).toBe(1);
  });

  it('counts conflicts detected for the user and settled by strategy, and user resolutions', async () => {
    const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
    const conflictItem = (externalId: string, code: RunItemResult['code']): RunItemResult => ({
      dataType: 'workout',
      externalId,
      outcome: code === 'SW_ITEM_CONFLICT_SOURCE_WRITTEN' ? 'written' : 'skipped',
      code,
      destinationId: null,
    });
    await store.commitPage({
      runId: run.id,
      ruleId: f.rule.id,
      dataType: 'workout',
      cursor: null,
      done: [],
      items: [
        conflictItem('a', 'SW_ITEM_CONFLICT_PENDING'),
        conflictItem('b', 'SW_ITEM_CONFLICT_SOURCE_WRITTEN'),
        conflictItem('c', 'SW_ITEM_CONFLICT_DESTINATION_KEPT'),
      ],
    });
    const s = await samples();
    expect(sumOf(s, 'syncwell_conflicts_detected_total', { handling: 'asked_user' })).toBe(1);
    expect(sumOf(s, 'syncwell_conflicts_detected_total', { handling: 'settled_by_strategy' })).toBe(2);
    expect(sumOf(s, 'syncwell_conflicts_resolved_total', { by: 'strategy' })).toBe(2);
    expect(sumOf(s, 'syncwell_store_commit_duration_seconds_count')).toBe(1);
  });

  it('counts a run the worker claims and ends inside its last page commit (the hot path)', async () => {
    const item = (externalId: string, code: RunItemResult['code']): RunItemResult => ({
      dataType: 'workout',
      externalId,
      outcome: code === 'SW_ITEM_CORRUPT_FILE' ? 'skipped' : 'written',
      code,
      destinationId: null,
    });
    const page = (runId: string, items: RunItemResult[], finish: boolean) =>
      store.commitPage({
        runId,
        ruleId: f.rule.id,
        dataType: 'workout',
        cursor: null,
        done: [],
        items,
        finish,
      });
    const clean = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
    expect(await store.claimRun(clean.id)).not.toBeNull();
    nowMs = clean.createdAt.getTime() + 2_000;
    await page(clean.id, [item('a', 'SW_ITEM_WRITTEN')], true);
    const missed = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
    expect(await store.claimRun(missed.id)).not.toBeNull();
    await page(missed.id, [item('b', 'SW_ITEM_CORRUPT_FILE')], false);
    await page(missed.id, [item('c', 'SW_ITEM_WRITTEN')], true);
    const s = await samples();
    expect(sumOf(s, 'syncwell_sync_jobs_total', { trigger: 'manual', outcome: 'succeeded' })).toBe(1);
    expect(sumOf(s, 'syncwell_sync_jobs_total', { trigger: 'scheduled', outcome: 'partial' })).toBe(1);
    expect(sumOf(s, 'syncwell_manual_sync_duration_seconds_sum')).toBe(2);
    expect((await raw.getRun(missed.id))?.status).toBe('partial');
  });

  it('counts connections newly needing re-authorisation', async () => {
    expect(await store.setConnectionStatus(f.source.id, 'needs_reauth')).toBe(true);
    expect(
      sumOf(await samples(), 'syncwell_connections_reauth_required_total', { status: 'needs_reauth' }),
    ).toBe(1);
  });

  it('passes every other method through to the adapter', async () => {
    expect((await store.listRulesByUser(f.userId)).map((r) => r.id)).toEqual([f.rule.id]);
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
