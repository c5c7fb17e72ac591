import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFixture, type StoreFixture } from '../../store/store.contract.js';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { DeliveryChannel, MetadataStore } from '../../store/port.js';
import type { ChannelAdapter, ChannelTarget, SendResult } from '../channels/channel-port.js';
import { createNotificationDispatcher } from '../dispatch/notification-dispatcher.js';
import { createInboxNotifier } from '../inbox/inbox-notifier.js';
import type { NoticeMessage } from '../message/notice-message.js';
import { InMemoryDeliveryCounter } from './delivery-counter.js';
import { NotificationDeliverer } from './notification-deliverer.js';

/** A channel that records what it was handed and answers from a script (delivered when empty). */
class ScriptedChannel implements ChannelAdapter {
  readonly sent: { message: NoticeMessage; target: ChannelTarget }[] = [];
  readonly answers: SendResult[] = [];
  constructor(readonly channel: DeliveryChannel) {}
  send(message: NoticeMessage, target: ChannelTarget): Promise<SendResult> {
    this.sent.push({ message, target });
    return Promise.resolve(this.answers.shift() ?? { result: 'delivered', outcome: 'delivered' });
  }
}

let now = new Date('2031-06-02T10:00:00Z');
let store: MetadataStore;
let f: StoreFixture;
let channels: Map<DeliveryChannel, ScriptedChannel>;
let counter: InMemoryDeliveryCounter;

beforeEach(async () => {
  now = new Date('2031-06-02T10:00:00Z');
  store = await createSqliteStore({ filename: ':memory:', now: () => now.getTime() });
  f = await seedFixture(store, 'ada@example.org');
  channels = new Map(
    (['web_push', 'apns', 'email', 'webhook'] as const).map((c) => [c, new ScriptedChannel(c)] as const),
  );
  counter = new InMemoryDeliveryCounter();
});
afterEach(() => store.close());

const dispatcher = () =>
  createNotificationDispatcher({
    store,
    inbox: createInboxNotifier(store),
    channels: new Set(channels.keys()),
    now: () => now,
    providerName: (p) => (p === 'strava' ? 'Strava' : p),
  });
const deliverer = (maxAttempts = 6) =>
  new NotificationDeliverer({
    store,
    channels,
    appUrl: 'https://sync.example',
    counter,
    logger: pino({ level: 'silent' }),
    now: () => now,
    random: () => 0.5,
    maxAttempts,
  });
const reauth = () => ({
  userId: f.userId,
  kind: 'connection_needs_reauth' as const,
  code: 'SW_PROVIDER_AUTH_REVOKED' as const,
  connectionId: f.destination.id,
});

async function registerDevices() {
  const web = await store.upsertPushTarget({
    userId: f.userId,
    channel: 'web_push',
    address: 'https://push.example/1',
    p256dh: 'k',
    auth: 'a',
  });
  const apns = await store.upsertPushTarget({ userId: f.userId, channel: 'apns', address: 'ab'.repeat(32) });
  return { web, apns };
}

describe('notification dispatcher', () => {
  it('announces a state once: repeats change nothing, a reconnect that fails again is news', async () => {
    await registerDevices();
    const notifier = dispatcher();
    await notifier.notify(reauth());
    await notifier.notify(reauth());
    await store.markNotificationRead((await store.listNotifications({ userId: f.userId }))[0]!.id, f.userId);
    await notifier.notify(reauth()); // read in the app, still the same dead tokens: no new notice
    expect(await store.listNotifications({ userId: f.userId })).toHaveLength(1);
    expect((await store.listDeliveries(f.userId)).map((d) => d.channel).sort()).toEqual([
      'apns',
      'email',
      'web_push',
      'webhook',
    ]);

    // The user reconnects (new tokens), and those are revoked too.
    await store.updateConnectionTokens({
      connectionId: f.destination.id,
      expectedVersion: f.destination.tokenVersion,
      tokensSealed: 'sealed-again',
      tokenExpiresAt: null,
    });
    await notifier.notify(reauth());
    expect(await store.listDeliveries(f.userId)).toHaveLength(8);
  });

  it('announces a failing rule once until one of its runs succeeds', async () => {
    const notifier = dispatcher();
    const failing = {
      userId: f.userId,
      kind: 'run_dead_lettered' as const,
      code: 'SW_PROVIDER_UNAVAILABLE' as const,
    };
    const run1 = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
    await notifier.notify({ ...failing, ruleId: f.rule.id, runId: run1.id });
    await store.finishRun(run1.id, 'failed', 'SW_PROVIDER_UNAVAILABLE');
    const run2 = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
    await notifier.notify({ ...failing, ruleId: f.rule.id, runId: run2.id });
    await store.finishRun(run2.id, 'failed', 'SW_PROVIDER_UNAVAILABLE');
    expect(await store.listNotifications({ userId: f.userId })).toHaveLength(1);
    const good = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
    await store.markRunRunning(good.id);
    await store.finishRun(good.id, 'succeeded');
    const run3 = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
    await notifier.notify({ ...failing, ruleId: f.rule.id, runId: run3.id });
    expect(await store.listNotifications({ userId: f.userId })).toHaveLength(2);
  });

  it('queues only enabled channels, and holds deliveries until quiet hours end in the user’s zone', async () => {
    await registerDevices();
    await store.putNotificationSettings({
      userId: f.userId,
      disabled: [
        { kind: 'connection_needs_reauth', channel: 'email' },
        { kind: 'connection_needs_reauth', channel: 'webhook' },
      ],
      // 22:00–07:00 in Berlin (UTC+2 in June): now, 10:00 UTC = 12:00 local, is outside.
      quietHours: { startMinute: 22 * 60, endMinute: 7 * 60, timeZone: 'Europe/Berlin' },
    });
    await dispatcher().notify(reauth());
    const queued = await store.listDeliveries(f.userId);
    expect(queued.map((d) => d.channel).sort()).toEqual(['apns', 'web_push']);
    expect(queued.every((d) => d.nextAttemptAt.getTime() === now.getTime())).toBe(true);

    now = new Date('2031-06-02T21:30:00Z'); // 23:30 in Berlin
    await dispatcher().notify({ ...reauth(), kind: 'connection_exhausted' });
    const held = (await store.listDeliveries(f.userId)).filter((d) => d.notice.includes('exhausted'));
    expect(held).toHaveLength(4); // email and the webhook are off for needs_reauth only
    expect(new Set(held.map((d) => d.nextAttemptAt.toISOString()))).toEqual(
      new Set(['2031-06-03T05:00:00.000Z']), // 07:00 in Berlin
    );
    // The inbox has it at once.
    expect((await store.listNotifications({ userId: f.userId }))[0]?.kind).toBe('connection_exhausted');
  });
});

describe('notification deliverer', () => {
  it('delivers each queued notice through its channel, with the plain-words text and reconnect link', async () => {
    await registerDevices();
    await dispatcher().notify(reauth());
    expect(await deliverer().drain()).toBe(4);
    const [sent] = channels.get('apns')!.sent;
    expect(sent?.message.title).toBe('Strava needs you to sign in again');
    expect(sent?.message.url).toBe(`https://sync.example/connections?reconnect=${f.destination.id}`);
    expect(channels.get('email')!.sent[0]?.target.address).toBe('ada@example.org');
    expect((await store.listDeliveries(f.userId)).every((d) => d.status === 'delivered')).toBe(true);
    expect(counter.snapshot()).toMatchObject({ 'apns:delivered': 1, 'email:delivered': 1 });
    expect(await deliverer().drain()).toBe(0);
  });

  it('removes a target the service calls gone, and does not queue to it again', async () => {
    const { apns } = await registerDevices();
    channels.get('apns')!.answers.push({ result: 'gone', outcome: 'Unregistered' });
    await dispatcher().notify(reauth());
    await deliverer().drain();
    expect(await store.getPushTarget(apns.id)).toBeNull();
    expect((await store.listDeliveries(f.userId)).find((d) => d.channel === 'apns')).toMatchObject({
      status: 'dead',
      outcome: 'Unregistered',
    });
    expect(counter.snapshot()['apns:gone']).toBe(1);
    await dispatcher().notify({ ...reauth(), kind: 'connection_exhausted' });
    expect((await store.listDeliveries(f.userId)).filter((d) => d.channel === 'apns')).toHaveLength(1);
  });

  it('retries with growing backoff (or Retry-After), then gives up after the last attempt', async () => {
    await registerDevices();
    const web = channels.get('web_push')!;
    web.answers.push(
      { result: 'retry', outcome: 'http_503' },
      { result: 'retry', outcome: 'http_429', retryAfterMs: 600_000 },
      { result: 'retry', outcome: 'http_503' },
    );
    await dispatcher().notify(reauth());
    const webDelivery = async () =>
      (await store.listDeliveries(f.userId)).find((d) => d.channel === 'web_push')!;
    const run = deliverer(3);
    await run.drain();
    // Attempt 1 failed: 30 s backoff with equal jitter at random 0.5 → 22.5 s.
    expect((await webDelivery()).nextAttemptAt.getTime() - now.getTime()).toBe(22_500);
    now = new Date(now.getTime() + 22_500);
    await run.drain();
    // Attempt 2: the service's Retry-After (10 min) beats the 45 s backoff.
    expect((await webDelivery()).nextAttemptAt.getTime() - now.getTime()).toBe(600_000);
    now = new Date(now.getTime() + 600_000);
    await run.drain();
    expect(await webDelivery()).toMatchObject({ status: 'failed', attempts: 3, outcome: 'http_503' });
    expect(web.sent).toHaveLength(3);
    expect(counter.snapshot()).toMatchObject({ 'web_push:retry': 2, 'web_push:failed': 1 });
  });

  it('skips a delivery whose target was unsubscribed after it was queued', async () => {
    const { web } = await registerDevices();
    await dispatcher().notify(reauth());
    await store.deletePushTarget(web.id, f.userId);
    await deliverer().drain();
    expect(channels.get('web_push')!.sent).toHaveLength(0);
    expect((await store.listDeliveries(f.userId)).find((d) => d.channel === 'web_push')?.status).toBe('dead');
  });
});
