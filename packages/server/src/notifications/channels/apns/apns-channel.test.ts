import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApnsService, type ApnsService } from '@syncwell/testbed';
import { testMessage } from '../channel-test-message.js';
import { createApnsChannel } from './apns-channel.js';

describe('APNs channel against the testbed HTTP/2 endpoint', () => {
  let now = new Date('2031-04-01T09:00:00Z');
  let apns: ApnsService;
  beforeAll(async () => {
    apns = await startApnsService({ now: () => now, topic: 'org.syncwell.app' });
  });
  afterAll(() => apns.close());
  const config = () => ({
    teamId: apns.teamId,
    keyId: apns.keyId,
    privateKeyPem: apns.privateKeyPem,
    topic: apns.topic,
    url: apns.url,
  });

  it('delivers an alert with the provider JWT and topic, and reuses the token within its hour', async () => {
    const channel = createApnsChannel(config(), { now: () => now });
    const device = apns.registerDevice();
    const target = { userId: 'u1', address: device };
    expect(await channel.send(testMessage(), target, { deliveryId: 'd1' })).toEqual({
      result: 'delivered',
      outcome: 'delivered',
    });
    now = new Date(now.getTime() + 40 * 60_000);
    expect((await channel.send(testMessage(), target, { deliveryId: 'd2' })).result).toBe('delivered');
    const [push] = apns.received();
    expect(push).toMatchObject({ deviceToken: device, topic: 'org.syncwell.app', pushType: 'alert' });
    expect(push?.payload).toMatchObject({
      aps: { alert: { title: 'Strava needs you to sign in again' } },
      kind: 'connection_needs_reauth',
    });
    await channel.close?.();
  });

  it('reports 410 Unregistered as gone', async () => {
    const channel = createApnsChannel(config(), { now: () => now });
    const device = apns.registerDevice();
    apns.uninstall(device);
    expect(
      await channel.send(testMessage(), { userId: 'u1', address: device }, { deliveryId: 'd3' }),
    ).toEqual({
      result: 'gone',
      outcome: 'Unregistered',
    });
    await channel.close?.();
  });

  it('retries 503 and 429, and refuses a wrong topic or a foreign key', async () => {
    const channel = createApnsChannel(config(), { now: () => now });
    const target = { userId: 'u1', address: apns.registerDevice() };
    apns.failNext({ status: 503, reason: 'ServiceUnavailable' }, { status: 429, reason: 'TooManyRequests' });
    expect(await channel.send(testMessage(), target, { deliveryId: 'd4' })).toEqual({
      result: 'retry',
      outcome: 'ServiceUnavailable',
    });
    expect((await channel.send(testMessage(), target, { deliveryId: 'd4' })).result).toBe('retry');
    expect((await channel.send(testMessage(), target, { deliveryId: 'd4' })).result).toBe('delivered');
    await channel.close?.();

    const wrongTopic = createApnsChannel({ ...config(), topic: 'org.other.app' }, { now: () => now });
    expect(await wrongTopic.send(testMessage(), target, { deliveryId: 'd5' })).toEqual({
      result: 'gone',
      outcome: 'DeviceTokenNotForTopic',
    });
    await wrongTopic.close?.();

    const other = await startApnsService({ now: () => now });
    const foreignKey = createApnsChannel(
      { ...config(), privateKeyPem: other.privateKeyPem },
      { now: () => now },
    );
    expect(await foreignKey.send(testMessage(), target, { deliveryId: 'd6' })).toEqual({
      result: 'retry',
      outcome: 'InvalidProviderToken',
    });
    await foreignKey.close?.();
    await other.close();
  });

  it('renews the provider token when the endpoint calls it expired, though its own clock says fresh', async () => {
    const start = now;
    let channelNow = now;
    const channel = createApnsChannel(config(), { now: () => channelNow });
    const target = { userId: 'u1', address: apns.registerDevice() };
    expect((await channel.send(testMessage(), target, { deliveryId: 'd7' })).result).toBe('delivered');
    // The service's clock is ahead: to it the cached token is over an hour old; to the channel, 40 minutes.
    channelNow = new Date(start.getTime() + 40 * 60_000);
    now = new Date(start.getTime() + 61 * 60_000);
    expect(await channel.send(testMessage(), target, { deliveryId: 'd8' })).toEqual({
      result: 'retry',
      outcome: 'ExpiredProviderToken',
    });
    now = channelNow;
    expect((await channel.send(testMessage(), target, { deliveryId: 'd8' })).result).toBe('delivered');
    expect(apns.received().at(-1)?.providerTokenIssuedAt).toBe(Math.floor(channelNow.getTime() / 1000));
    await channel.close?.();
  });
});
