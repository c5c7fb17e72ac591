import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFcmService, type FcmService } from '@syncwell/testbed';
import { testMessage } from '../channel-test-message.js';
import { createFcmChannel } from './fcm-channel.js';

describe('FCM HTTP v1 channel against the testbed token endpoint and messages:send', () => {
  const now = new Date('2031-04-01T09:00:00Z');
  let fcm: FcmService;
  beforeAll(async () => {
    fcm = await startFcmService({ now: () => now });
  });
  afterAll(() => fcm.close());
  const channel = () =>
    createFcmChannel({ serviceAccount: fcm.serviceAccount, url: fcm.url }, { now: () => now });

  it('gets an access token by the JWT bearer grant once, and sends string data with a notification', async () => {
    const sender = channel();
    const target = { userId: 'u1', address: fcm.registerDevice() };
    const before = fcm.tokensIssued();
    expect(await sender.send(testMessage(), target, { deliveryId: 'd1' })).toEqual({
      result: 'delivered',
      outcome: 'delivered',
    });
    expect((await sender.send(testMessage(), target, { deliveryId: 'd2' })).result).toBe('delivered');
    expect(fcm.tokensIssued() - before).toBe(1);
    expect(fcm.received().at(-1)).toMatchObject({
      token: target.address,
      notification: { title: 'Strava needs you to sign in again' },
      data: { kind: 'connection_needs_reauth', code: 'SW_PROVIDER_AUTH_REVOKED' },
    });
  });

  it('reports UNREGISTERED (404) as gone', async () => {
    const token = fcm.registerDevice();
    fcm.uninstall(token);
    expect(
      await channel().send(testMessage(), { userId: 'u1', address: token }, { deliveryId: 'd3' }),
    ).toEqual({
      result: 'gone',
      outcome: 'UNREGISTERED',
    });
  });

  it('retries 503 after Retry-After, and takes a new access token after a 401', async () => {
    const sender = channel();
    const target = { userId: 'u1', address: fcm.registerDevice() };
    fcm.failNext({ status: 503, reason: 'UNAVAILABLE', retryAfterSeconds: 20 });
    expect(await sender.send(testMessage(), target, { deliveryId: 'd4' })).toEqual({
      result: 'retry',
      outcome: 'UNAVAILABLE',
      retryAfterMs: 20_000,
    });
    fcm.expireAccessTokens();
    expect(await sender.send(testMessage(), target, { deliveryId: 'd4' })).toEqual({
      result: 'retry',
      outcome: 'UNAUTHENTICATED',
    });
    const before = fcm.tokensIssued();
    expect((await sender.send(testMessage(), target, { deliveryId: 'd4' })).result).toBe('delivered');
    expect(fcm.tokensIssued() - before).toBe(1);
  });

  it('cannot get a token with another key or for another project', async () => {
    const other = await startFcmService({ now: () => now });
    const forged = createFcmChannel(
      {
        serviceAccount: { ...fcm.serviceAccount, private_key: other.serviceAccount.private_key },
        url: fcm.url,
      },
      { now: () => now },
    );
    expect(
      await forged.send(testMessage(), { userId: 'u1', address: fcm.registerDevice() }, { deliveryId: 'd5' }),
    ).toEqual({ result: 'retry', outcome: 'token_http_400' });
    await other.close();
    const wrongProject = createFcmChannel(
      { serviceAccount: { ...fcm.serviceAccount, project_id: 'someone-else' }, url: fcm.url },
      { now: () => now },
    );
    expect(
      await wrongProject.send(
        testMessage(),
        { userId: 'u1', address: fcm.registerDevice() },
        { deliveryId: 'd6' },
      ),
    ).toEqual({ result: 'rejected', outcome: 'SENDER_ID_MISMATCH' });
    // A 404 that is not FCM's NOT_FOUND (a wrong base URL) must not remove every device token.
    const wrongUrl = createFcmChannel(
      { serviceAccount: fcm.serviceAccount, url: `${fcm.url}/nowhere` },
      { now: () => now },
    );
    expect(
      await wrongUrl.send(
        testMessage(),
        { userId: 'u1', address: fcm.registerDevice() },
        { deliveryId: 'd7' },
      ),
    ).toEqual({ result: 'rejected', outcome: 'http_404' });
  });
});
