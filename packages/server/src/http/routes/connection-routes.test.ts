import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkceS256Challenge } from '../../auth/opaque-tokens.js';
import {
  connect,
  createApiHarness,
  signUpAndLogIn,
  type ApiHarness,
  type SignedInUser,
} from '../api-test-harness.js';

let h: ApiHarness;
let alice: SignedInUser;
let bob: SignedInUser;
beforeAll(async () => {
  h = await createApiHarness();
  alice = await signUpAndLogIn(h.app, 'alice@example.org');
  bob = await signUpAndLogIn(h.app, 'bob@example.org');
});
afterAll(async () => {
  await h.close();
});

async function startConnect(user: SignedInUser, provider: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: user.auth,
    payload: { provider },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ authorizeUrl: string; state: string }>();
}

function callback(provider: string, query: string, accept = 'application/json') {
  return h.app.inject({ method: 'GET', url: `/v1/oauth/${provider}/callback?${query}`, headers: { accept } });
}

describe('connections and the OAuth callback', () => {
  it('sends a PKCE challenge only to providers that support it, and passes the verifier back', async () => {
    const strava = await startConnect(alice, 'strava');
    const url = new URL(strava.authorizeUrl);
    expect(url.searchParams.get('state')).toBe(strava.state);
    expect(url.searchParams.get('redirect_uri')).toBe('https://sync.test/v1/oauth/strava/callback');
    const challenge = url.searchParams.get('code_challenge');
    expect(challenge).toMatch(/^[\w-]{43}$/);
    expect((await callback('strava', `code=ok-athlete-1&state=${strava.state}`)).statusCode).toBe(200);
    const exchange = h.strava.exchanges.at(-1);
    expect(exchange?.redirectUri).toBe('https://sync.test/v1/oauth/strava/callback');
    expect(pkceS256Challenge(exchange?.codeVerifier ?? '')).toBe(challenge);

    const polar = await startConnect(alice, 'polar');
    expect(new URL(polar.authorizeUrl).searchParams.has('code_challenge')).toBe(false);
  });

  it('stores tokens sealed and never shows them', async () => {
    const { state } = await startConnect(alice, 'polar');
    const res = await callback('polar', `code=ok-polar-user-7&state=${state}`);
    const { connection } = res.json<{ connection: { id: string; provider: string; status: string } }>();
    expect(connection).toMatchObject({ provider: 'polar', status: 'active', externalUserId: 'polar-user-7' });
    expect(res.body).not.toMatch(/ACCESS-|REFRESH-|tokens/i);
    const row = await h.store.getConnection(connection.id, alice.userId);
    expect(row?.tokensSealed).not.toContain('ACCESS-polar-polar-user-7');
    const list = await h.app.inject({ method: 'GET', url: '/v1/connections', headers: alice.auth });
    expect(list.json<{ connections: unknown[] }>().connections.length).toBeGreaterThanOrEqual(2);
    expect(list.body).not.toMatch(/ACCESS-|REFRESH-|tokensSealed/);
    expect(h.logLines.join('\n')).not.toMatch(/ACCESS-|REFRESH-|ok-polar-user-7/);
  });

  it('answers a browser with a small HTML page', async () => {
    const { state } = await startConnect(alice, 'polar');
    const res = await callback('polar', `code=ok-polar-user-8&state=${state}`, 'text/html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Connected POLAR &#60;Cloud&#62;');
  });

  it('shows a browser an HTML failure page with the catalogue status', async () => {
    const { state } = await startConnect(bob, 'polar');
    const res = await callback('polar', `error=access_denied&state=${state}`, 'text/html');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('SW_OAUTH_DENIED');
  });

  it('uses a state once', async () => {
    const { state } = await startConnect(alice, 'polar');
    expect((await callback('polar', `code=ok-once&state=${state}`)).statusCode).toBe(200);
    const replay = await callback('polar', `code=ok-once&state=${state}`);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'SW_OAUTH_STATE_INVALID' });
  });

  it('refuses unknown states, missing states and a state issued for another provider (which it burns)', async () => {
    expect((await callback('polar', 'code=ok-x&state=made-up')).json()).toMatchObject({
      code: 'SW_OAUTH_STATE_INVALID',
    });
    expect((await callback('polar', 'code=ok-x')).json()).toMatchObject({ code: 'SW_OAUTH_STATE_INVALID' });
    const { state } = await startConnect(alice, 'strava');
    const mismatch = await callback('polar', `code=ok-x&state=${state}`);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ code: 'SW_OAUTH_STATE_INVALID' });
    expect((await callback('strava', `code=ok-x&state=${state}`)).statusCode).toBe(400);
  });

  it('reports a denied consent and consumes the state', async () => {
    const before = (await h.store.listConnectionsByUser(bob.userId)).length;
    const { state } = await startConnect(bob, 'polar');
    const denied = await callback('polar', `error=access_denied&state=${state}`);
    expect(denied.statusCode).toBe(400);
    expect(denied.json()).toMatchObject({ code: 'SW_OAUTH_DENIED' });
    expect((await callback('polar', `code=ok-late&state=${state}`)).json()).toMatchObject({
      code: 'SW_OAUTH_STATE_INVALID',
    });
    expect(await h.store.listConnectionsByUser(bob.userId)).toHaveLength(before);
  });

  it('maps a refused code to 502 SW_OAUTH_EXCHANGE_FAILED without provider internals', async () => {
    const { state } = await startConnect(bob, 'polar');
    const res = await callback('polar', `code=rejected-code&state=${state}`);
    expect(res.statusCode).toBe(502);
    expect(res.json()).toEqual({
      code: 'SW_OAUTH_EXCHANGE_FAILED',
      message: expect.any(String),
      details: { provider: 'polar', stage: 'exchange' },
    });
    expect(res.body).not.toContain('invalid_grant');
  });

  it('refuses unconfigured or unknown providers', async () => {
    const unconfigured = await h.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: alice.auth,
      payload: { provider: 'garmin' },
    });
    expect(unconfigured.statusCode).toBe(404);
    expect(unconfigured.json()).toMatchObject({ code: 'SW_PROVIDER_NOT_CONFIGURED' });
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: alice.auth,
      payload: { provider: 'myspace' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("hides another user's connections (404) and leaves them intact", async () => {
    const bobsConnection = await connect(h.app, bob, 'strava', 'bob-athlete');
    const peek = await h.app.inject({
      method: 'GET',
      url: `/v1/connections/${bobsConnection}`,
      headers: alice.auth,
    });
    expect(peek.statusCode).toBe(404);
    expect(peek.json()).toMatchObject({ code: 'SW_NOT_FOUND' });
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/v1/connections/${bobsConnection}`,
      headers: alice.auth,
    });
    expect(del.statusCode).toBe(404);
    expect(await h.store.getConnection(bobsConnection)).not.toBeNull();
    const aliceList = await h.app.inject({ method: 'GET', url: '/v1/connections', headers: alice.auth });
    expect(aliceList.body).not.toContain(bobsConnection);
  });

  it('deletes a connection after revoking it at the provider', async () => {
    const id = await connect(h.app, bob, 'polar', 'bob-polar');
    const del = await h.app.inject({ method: 'DELETE', url: `/v1/connections/${id}`, headers: bob.auth });
    expect(del.statusCode).toBe(204);
    expect(h.polar.revoked).toContain('ACCESS-polar-bob-polar');
    expect(
      (await h.app.inject({ method: 'GET', url: `/v1/connections/${id}`, headers: bob.auth })).statusCode,
    ).toBe(404);
  });

  it('deleting the account revokes every connection at its provider', async () => {
    const carol = await signUpAndLogIn(h.app, 'carol@example.org');
    await connect(h.app, carol, 'strava', 'carol-athlete');
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: carol.auth })).statusCode,
    ).toBe(204);
    expect(h.strava.revoked).toContain('ACCESS-strava-carol-athlete');
    expect(await h.store.listConnectionsByUser(carol.userId)).toHaveLength(0);
  });
});
