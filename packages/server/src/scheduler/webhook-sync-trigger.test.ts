import type { WebhookEvent } from '@syncwell/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fakeConnection,
  openTestBed,
  ruleInput,
  type TestBed,
} from '../connections/connection-test-support.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import type { JobQueue } from '../queue/port.js';
import type { ConnectionRow, NewRule } from '../store/port.js';
import { RunDispatcher } from './run-dispatcher.js';
import { WebhookSyncTrigger } from './webhook-sync-trigger.js';

const DEBOUNCE = 5_000;

describe('WebhookSyncTrigger', () => {
  let bed: TestBed;
  let queue: JobQueue;
  let trigger: WebhookSyncTrigger;
  let polar: ConnectionRow;
  let strava: ConnectionRow;

  beforeEach(async () => {
    bed = await openTestBed();
    queue = createMemoryQueue();
    trigger = new WebhookSyncTrigger(
      bed.store,
      new RunDispatcher(bed.store, queue),
      pino({ level: 'silent' }),
      DEBOUNCE,
    );
    polar = await fakeConnection(bed, 'polar', '41000001');
    strava = await fakeConnection(bed, 'strava', '134815');
    // Only the debounce timer is faked: SQLite and the queue keep their real async behaviour.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    trigger.stop();
    await queue.close();
    await bed.cleanup();
  });

  const rule = (source: ConnectionRow, destination: ConnectionRow, overrides: Partial<NewRule> = {}) =>
    bed.store.createRule(ruleInput(bed, source, destination, overrides));
  const event = (overrides: Partial<WebhookEvent> = {}): WebhookEvent => ({
    externalUserId: '41000001',
    dataType: 'workout',
    action: 'create',
    ...overrides,
  });
  const webhookRuns = async (ruleId: string) =>
    (await bed.store.listRuns({ userId: bed.user.id, ruleId })).filter((r) => r.trigger === 'webhook');
  /** Lets the debounce fire and its store calls settle. */
  const elapse = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    await vi.waitFor(async () => expect((await queue.counts()).active).toBe(0));
    await new Promise((resolve) => setImmediate(resolve));
  };

  it('collapses a burst within the debounce window into one webhook run per rule', async () => {
    const r = await rule(polar, strava);
    await trigger.onEvents([polar.id], event({ objectId: 'a' }));
    await elapse(DEBOUNCE / 2);
    await trigger.onEvents([polar.id], event({ objectId: 'b' }));
    await trigger.onEvents([polar.id], event({ objectId: 'c', action: 'update' }));
    expect(await webhookRuns(r.id)).toHaveLength(0);

    await elapse(DEBOUNCE / 2);
    await vi.waitFor(async () => expect(await webhookRuns(r.id)).toHaveLength(1));
    // Once that run is done, nothing of the burst is left over to start another.
    const [run] = await webhookRuns(r.id);
    await bed.store.finishRun(run?.id ?? '', 'succeeded');
    await elapse(DEBOUNCE * 3);
    expect(await webhookRuns(r.id)).toHaveLength(1);
    expect((await queue.counts()).waiting).toBe(1);
  });

  it('an event after the window starts a new run once the first one is finished', async () => {
    const r = await rule(polar, strava);
    await trigger.onEvents([polar.id], event());
    await elapse(DEBOUNCE);
    const [first] = await webhookRuns(r.id);
    expect(first).toBeDefined();
    await bed.store.finishRun(first?.id ?? '', 'succeeded');
    await trigger.onEvents([polar.id], event());
    await elapse(DEBOUNCE);
    expect(await webhookRuns(r.id)).toHaveLength(2);
  });

  it('only targets enabled rules whose source is the connection and that want the data type', async () => {
    const polar2 = await fakeConnection(bed, 'polar', '41000002');
    const wanted = await rule(polar, strava);
    const anyType = await rule(polar, strava, { dataTypes: ['workout', 'sleep'] });
    const otherType = await rule(polar, strava, { dataTypes: ['sleep'] });
    const reverse = await rule(strava, polar); // the connection is only its destination
    const disabled = await rule(polar, strava, { enabled: false });
    const otherSource = await rule(polar2, strava);

    await trigger.onEvents([polar.id], event({ dataType: 'workout' }));
    await elapse(DEBOUNCE);
    expect(await webhookRuns(wanted.id)).toHaveLength(1);
    expect(await webhookRuns(anyType.id)).toHaveLength(1);
    for (const r of [otherType, reverse, disabled, otherSource])
      expect(await webhookRuns(r.id)).toHaveLength(0);
  });

  it('defers to a run already in flight, and looks again once it is done', async () => {
    const r = await rule(polar, strava);
    const inFlight = await bed.store.createRun({ ruleId: r.id, userId: bed.user.id, trigger: 'scheduled' });
    await trigger.onEvents([polar.id], event());
    await elapse(DEBOUNCE);
    expect(await webhookRuns(r.id)).toHaveLength(0);
    await bed.store.finishRun(inFlight.id, 'succeeded');
    await elapse(DEBOUNCE);
    expect(await webhookRuns(r.id)).toHaveLength(1);
  });

  it('a deauthorize event changes nothing by itself: it asks the checker and starts no run', async () => {
    const r = await rule(polar, strava);
    const asked: string[] = [];
    const checking = new WebhookSyncTrigger(
      bed.store,
      new RunDispatcher(bed.store, queue),
      pino({ level: 'silent' }),
      DEBOUNCE,
      { check: (id) => (asked.push(id), Promise.resolve('granted')) },
    );
    await checking.onEvents([polar.id, strava.id], event({ action: 'deauthorize', dataType: null }));
    await trigger.onEvents([polar.id], event({ action: 'deauthorize', dataType: null }));
    expect(asked).toEqual([polar.id, strava.id]);
    expect((await bed.store.getConnection(polar.id))?.status).toBe('active');
    expect((await bed.store.getConnection(strava.id))?.status).toBe('active');
    await elapse(DEBOUNCE);
    expect(await webhookRuns(r.id)).toHaveLength(0);
    checking.stop();
  });
});
