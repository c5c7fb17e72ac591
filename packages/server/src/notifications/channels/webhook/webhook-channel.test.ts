import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '@syncwell/testbed';
import { testMessage } from '../channel-test-message.js';
import { createWebhookChannel } from './webhook-channel.js';

const now = new Date('2031-04-01T09:00:00Z');
const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('outgoing webhook channel against a Standard Webhooks receiver', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret, now: () => now });
  });
  afterAll(() => receiver.close());

  it('signs each delivery so the receiver verifies it, with an id stable across retries', async () => {
    const channel = createWebhookChannel({ url: `${receiver.url}/hook`, secret }, { now: () => now });
    receiver.failNext({ status: 503, retryAfterSeconds: 5 });
    const target = { userId: 'user-1', address: 'user-1' };
    expect(await channel.send(testMessage(), target, { deliveryId: 'abc' })).toEqual({
      result: 'retry',
      outcome: 'http_503',
      retryAfterMs: 5000,
    });
    expect(await channel.send(testMessage(), target, { deliveryId: 'abc' })).toEqual({
      result: 'delivered',
      outcome: 'delivered',
    });
    expect(await channel.send(testMessage(), target, { deliveryId: 'abc' })).toMatchObject({
      result: 'delivered',
    });
    expect(receiver.received()).toEqual([
      {
        id: 'msg_abc',
        timestamp: Math.floor(now.getTime() / 1000),
        body: {
          type: 'notification.connection_needs_reauth',
          timestamp: now.toISOString(),
          data: expect.objectContaining({ userId: 'user-1', code: 'SW_PROVIDER_AUTH_REVOKED' }) as unknown,
        },
      },
    ]);
  });

  it('is refused (401, not retried) with the wrong secret or a stale timestamp', async () => {
    const wrong = createWebhookChannel(
      { url: `${receiver.url}/hook`, secret: `whsec_${randomBytes(32).toString('base64')}` },
      { now: () => now },
    );
    const target = { userId: 'user-1', address: 'user-1' };
    expect(await wrong.send(testMessage(), target, { deliveryId: 'x1' })).toEqual({
      result: 'rejected',
      outcome: 'http_401',
    });
    const stale = createWebhookChannel(
      { url: `${receiver.url}/hook`, secret },
      { now: () => new Date(now.getTime() - 10 * 60_000) },
    );
    expect((await stale.send(testMessage(), target, { deliveryId: 'x2' })).result).toBe('rejected');
    expect(receiver.rejected()).toBe(2);
  });
});
