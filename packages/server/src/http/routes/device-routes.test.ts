import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, signUpAndLogIn, type ApiHarness, type SignedInUser } from '../api-test-harness.js';

let h: ApiHarness;
let alice: SignedInUser;
let mallory: SignedInUser;
beforeAll(async () => {
  h = await createApiHarness();
  alice = await signUpAndLogIn(h.app, 'alice-device@example.org');
  mallory = await signUpAndLogIn(h.app, 'mallory-device@example.org');
});
afterAll(() => h.close());

const register = (user: SignedInUser, payload: unknown) =>
  h.app.inject({ method: 'POST', url: '/v1/device/devices', headers: user.auth, payload: payload as object });

const whoami = (credential: string) =>
  h.app.inject({ method: 'GET', url: '/v1/device/me', headers: { authorization: `Device ${credential}` } });

describe('/v1/device/devices', () => {
  it('registers a phone with a credential that works until the owner revokes it', async () => {
    const created = await register(alice, { platform: 'apple_health', name: "Alice's iPhone" });
    expect(created.statusCode).toBe(201);
    const { device, credential } = created.json<{
      device: { id: string; platform: string };
      credential: string;
    }>();
    expect(device.platform).toBe('apple_health');

    const me = await whoami(credential);
    expect(me.statusCode).toBe(200);
    expect(me.json<{ device: { id: string } }>().device.id).toBe(device.id);

    const listed = await h.app.inject({ method: 'GET', url: '/v1/device/devices', headers: alice.auth });
    expect(listed.json<{ devices: { id: string }[] }>().devices.map((d) => d.id)).toEqual([device.id]);
    expect(listed.body).not.toContain(credential);
    const others = await h.app.inject({ method: 'GET', url: '/v1/device/devices', headers: mallory.auth });
    expect(others.json<{ devices: unknown[] }>().devices).toEqual([]);

    const foreign = await h.app.inject({
      method: 'DELETE',
      url: `/v1/device/devices/${device.id}`,
      headers: mallory.auth,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await whoami(credential)).statusCode).toBe(200);

    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/v1/device/devices/${device.id}`,
      headers: alice.auth,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await whoami(credential);
    expect(after.statusCode).toBe(401);
    expect(after.json<{ code: string }>().code).toBe('SW_UNAUTHENTICATED');
  });

  it('refuses bad input and a user token on the device route', async () => {
    expect((await register(alice, { platform: 'fitbit', name: 'x' })).statusCode).toBe(400);
    expect((await register(alice, { platform: 'health_connect', name: '' })).statusCode).toBe(400);
    expect((await whoami('short')).statusCode).toBe(401);
    const withUserToken = await h.app.inject({ method: 'GET', url: '/v1/device/me', headers: alice.auth });
    expect(withUserToken.statusCode).toBe(401);
    const anonymous = await h.app.inject({
      method: 'POST',
      url: '/v1/device/devices',
      payload: { platform: 'apple_health', name: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
