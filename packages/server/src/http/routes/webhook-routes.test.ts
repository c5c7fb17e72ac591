import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createApiHarness, signUpAndLogIn, type ApiHarness } from '../api-test-harness.js';

let h: ApiHarness;
let polarConnection: string;
beforeAll(async () => {
  h = await createApiHarness();
  const alice = await signUpAndLogIn(h.app, 'alice@example.org');
  polarConnection = await connect(h.app, alice, 'polar', 'polar-42');
});
afterAll(async () => {
  await h.close();
});

// Deliberately odd spacing: a verifier must see these exact bytes, not re-serialised JSON.
const rawBody = '{ "owner" :"polar-42",  "type":"workout" }';

describe('provider webhooks', () => {
  it('verifies over the exact raw bytes and routes the event to the matching connections', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/webhooks/polar',
      headers: { 'content-type': 'application/json', 'x-signature': `sig:${rawBody}` },
      payload: rawBody,
    });
    expect(res.statusCode).toBe(200);
    expect(h.webhookCalls).toEqual([
      {
        connectionIds: [polarConnection],
        event: { externalUserId: 'polar-42', dataType: 'workout', action: 'create' },
      },
    ]);
  });

  it('accepts any content type for signature checks', async () => {
    const calls = h.webhookCalls.length;
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/webhooks/polar',
      headers: { 'content-type': 'text/plain', 'x-signature': `sig:${rawBody}` },
      payload: rawBody,
    });
    expect(res.statusCode).toBe(200);
    expect(h.webhookCalls).toHaveLength(calls + 1);
  });

  it('rejects a bad signature with 403 and triggers nothing', async () => {
    const calls = h.webhookCalls.length;
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/webhooks/polar',
      headers: { 'content-type': 'application/json', 'x-signature': 'sig:forged' },
      payload: rawBody,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      code: 'SW_WEBHOOK_REJECTED',
      message: expect.any(String),
      details: { provider: 'polar' },
    });
    expect(h.webhookCalls).toHaveLength(calls);
  });

  it('answers a verification handshake with the verifier status and body', async () => {
    const ok = await h.app.inject({
      method: 'GET',
      url: '/v1/webhooks/strava?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=abc123',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ 'hub.challenge': 'abc123' });
    const bad = await h.app.inject({
      method: 'GET',
      url: '/v1/webhooks/strava?hub.verify_token=guess&hub.challenge=abc123',
    });
    expect(bad.statusCode).toBe(403);
  });

  it('ignores events for unknown provider accounts and answers 200', async () => {
    const calls = h.webhookCalls.length;
    const body = '{"owner":"nobody","type":"sleep"}';
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/webhooks/polar',
      headers: { 'x-signature': `sig:${body}`, 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(h.webhookCalls).toHaveLength(calls);
  });

  it('answers 404 for providers not configured here', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/webhooks/garmin',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'SW_PROVIDER_NOT_CONFIGURED' });
  });
});
