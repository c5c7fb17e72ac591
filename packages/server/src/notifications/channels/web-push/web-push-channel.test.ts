import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { startWebPushService, type WebPushService } from '@syncwell/testbed';
import { testMessage } from '../channel-test-message.js';
import { createWebPushChannel } from './web-push-channel.js';

const now = new Date('2031-04-01T09:00:00Z');
const keys = webpush.generateVAPIDKeys();

describe('Web Push channel against the testbed push service', () => {
  let service: WebPushService;
  beforeAll(async () => {
    service = await startWebPushService({ now: () => now });
  });
  afterAll(() => service.close());
  const channel = () =>
    createWebPushChannel({ subject: 'mailto:ops@sync.example', ...keys }, { now: () => now });

  it('delivers a payload the browser decrypts with its own keys, signed with VAPID', async () => {
    const sub = service.subscribe(keys.publicKey);
    const result = await channel().send(
      testMessage(),
      { userId: 'u1', address: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth },
      { deliveryId: 'd1' },
    );
    expect(result).toEqual({ result: 'delivered', outcome: 'delivered' });
    const [push] = service.received();
    expect(push?.vapidSubject).toBe('mailto:ops@sync.example');
    expect(JSON.parse(push?.payload ?? '{}')).toMatchObject({
      kind: 'connection_needs_reauth',
      title: 'Strava needs you to sign in again',
      url: 'https://sync.example/connections?reconnect=c0ffee00-0000-4000-8000-000000000001',
    });
  });

  it('reports an expired subscription (410) and an unknown one (404) as gone', async () => {
    const sub = service.subscribe();
    service.expire(sub.endpoint);
    const target = { userId: 'u1', address: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth };
    expect(await channel().send(testMessage(), target, { deliveryId: 'd2' })).toEqual({
      result: 'gone',
      outcome: 'http_410',
    });
    const unknown = { ...target, address: `${service.url}/push/nobody` };
    expect((await channel().send(testMessage(), unknown, { deliveryId: 'd3' })).result).toBe('gone');
  });

  it('retries on 429 with the service Retry-After, and is refused with a foreign VAPID key', async () => {
    const sub = service.subscribe(keys.publicKey);
    const target = { userId: 'u1', address: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth };
    service.failNext({ status: 429, retryAfterSeconds: 30 });
    expect(await channel().send(testMessage(), target, { deliveryId: 'd4' })).toEqual({
      result: 'retry',
      outcome: 'http_429',
      retryAfterMs: 30_000,
    });
    const other = webpush.generateVAPIDKeys();
    const foreign = createWebPushChannel({ subject: 'mailto:x@y.z', ...other }, { now: () => now });
    expect(await foreign.send(testMessage(), target, { deliveryId: 'd5' })).toEqual({
      result: 'rejected',
      outcome: 'http_403',
    });
  });
});
