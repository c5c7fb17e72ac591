import type { WebhookRequest } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { polarSignature, PolarWebhookVerifier } from './webhooks.js';

const secret = 'whsec-test-123';
const verifier = new PolarWebhookVerifier({
  clientId: 'c',
  clientSecret: 's',
  baseUrls: { api: 'http://x', authorize: 'http://x', token: 'http://x' },
  webhookSigningSecret: secret,
});

function post(body: string, signature?: string): WebhookRequest {
  return {
    method: 'POST',
    query: {},
    headers: signature === undefined ? {} : { 'polar-webhook-signature': signature },
    rawBody: new TextEncoder().encode(body),
  };
}

describe('PolarWebhookVerifier', () => {
  const exercise =
    '{"event":"EXERCISE","user_id":475,"entity_id":"aQlC83","timestamp":"2018-05-15T14:22:24Z"}';

  it('answers the unsigned PING handshake', () => {
    expect(verifier.verify(post('{"event":"PING","timestamp":"2026-11-25T10:00:00Z"}'))).toMatchObject({
      kind: 'handshake',
      status: 200,
    });
  });

  it('accepts a correctly signed EXERCISE event', () => {
    const bytes = new TextEncoder().encode(exercise);
    expect(verifier.verify(post(exercise, polarSignature(secret, bytes)))).toEqual({
      kind: 'events',
      events: [{ externalUserId: '475', dataType: 'workout', action: 'create', objectId: 'aQlC83' }],
    });
  });

  it('rejects forged, missing and re-serialised-body signatures', () => {
    const bytes = new TextEncoder().encode(exercise);
    expect(verifier.verify(post(exercise, polarSignature('other-secret', bytes))).kind).toBe('rejected');
    expect(verifier.verify(post(exercise)).kind).toBe('rejected');
    expect(verifier.verify(post(exercise, 'zz-not-hex')).kind).toBe('rejected');
    const spaced = exercise.replace(',', ', ');
    expect(verifier.verify(post(spaced, polarSignature(secret, bytes))).kind).toBe('rejected');
  });

  it('ignores other signed event types and rejects garbage', () => {
    const sleep = '{"event":"SLEEP","user_id":475,"entity_id":"x"}';
    expect(verifier.verify(post(sleep, polarSignature(secret, new TextEncoder().encode(sleep))))).toEqual({
      kind: 'events',
      events: [],
    });
    expect(verifier.verify(post('not json')).kind).toBe('rejected');
    expect(verifier.verify({ ...post(exercise), method: 'GET' }).kind).toBe('rejected');
  });
});
