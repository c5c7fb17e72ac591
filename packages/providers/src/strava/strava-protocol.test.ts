import type { WebhookRequest } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { encodePageCursor, positionFromCursor } from './activity-cursor.js';
import { readStravaRateLimits, stravaRetryAfterMs } from './rate-limit-headers.js';
import { uploadOutcome } from './upload-outcome.js';
import { StravaWebhookVerifier } from './webhooks.js';

const verifier = new StravaWebhookVerifier({
  clientId: 'c',
  clientSecret: 's',
  baseUrls: { api: 'http://x', authorize: 'http://x', token: 'http://x' },
  webhookVerifyToken: 'vt-1',
});
const post = (body: unknown): WebhookRequest => ({
  method: 'POST',
  query: {},
  headers: {},
  rawBody: new TextEncoder().encode(JSON.stringify(body)),
});

describe('StravaWebhookVerifier', () => {
  it('answers the subscription handshake only with the right verify token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': '15f7d1a9', 'hub.verify_token': 'vt-1' };
    expect(verifier.verify({ method: 'GET', query, headers: {}, rawBody: new Uint8Array() })).toEqual({
      kind: 'handshake',
      status: 200,
      body: { 'hub.challenge': '15f7d1a9' },
    });
    const wrong = { ...query, 'hub.verify_token': 'vt-2' };
    expect(
      verifier.verify({ method: 'GET', query: wrong, headers: {}, rawBody: new Uint8Array() }).kind,
    ).toBe('rejected');
  });

  it('maps activity events and athlete deauthorisation', () => {
    const base = { object_id: 1360128428, owner_id: 134815, subscription_id: 120475, event_time: 1516126040 };
    expect(
      verifier.verify(
        post({ ...base, object_type: 'activity', aspect_type: 'update', updates: { title: 'x' } }),
      ),
    ).toEqual({
      kind: 'events',
      events: [{ externalUserId: '134815', dataType: 'workout', action: 'update', objectId: '1360128428' }],
    });
    expect(
      verifier.verify(
        post({
          ...base,
          object_id: 134815,
          object_type: 'athlete',
          aspect_type: 'update',
          updates: { authorized: 'false' },
        }),
      ),
    ).toEqual({
      kind: 'events',
      events: [{ externalUserId: '134815', dataType: null, action: 'deauthorize', subscriptionId: '120475' }],
    });
    expect(
      verifier.verify(
        post({ ...base, object_type: 'athlete', aspect_type: 'update', updates: { name: 'x' } }),
      ),
    ).toEqual({
      kind: 'events',
      events: [],
    });
    expect(verifier.verify(post({ object_type: 'club' })).kind).toBe('rejected');
  });
});

describe('Strava rate-limit headers', () => {
  const now = new Date('2026-11-25T10:07:30Z');
  const headers = new Headers({
    'x-ratelimit-limit': '200,2000',
    'x-ratelimit-usage': '31,412',
    'x-readratelimit-limit': '100,1000',
    'x-readratelimit-usage': '100,1000',
  });

  it('reads both header pairs into four windows named as in the facts', () => {
    const snapshots = readStravaRateLimits(headers, now);
    expect(snapshots.map((s) => [s.name, s.limit, s.used])).toEqual([
      ['overall-15min', 200, 31],
      ['overall-daily', 2000, 412],
      ['read-15min', 100, 100],
      ['read-daily', 1000, 1000],
    ]);
    expect(snapshots[0]?.resetAt?.toISOString()).toBe('2026-11-25T10:15:00.000Z');
    expect(snapshots[1]?.resetAt?.toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('waits to the next quarter hour, or to UTC midnight when a daily window is spent', () => {
    expect(stravaRetryAfterMs(new Headers(), now)).toBe(7.5 * 60_000);
    expect(stravaRetryAfterMs(headers, now)).toBe(Date.parse('2026-11-26T00:00:00Z') - now.getTime());
    expect(
      readStravaRateLimits(new Headers({ 'x-ratelimit-limit': 'abc', 'x-ratelimit-usage': '1,2' }), now),
    ).toEqual([]);
  });
});

describe('uploadOutcome', () => {
  it('reads processing, done, duplicate and refused uploads', () => {
    expect(
      uploadOutcome({
        id: '1',
        status: 'Your activity is still being processed.',
        error: null,
        activity_id: null,
      }),
    ).toBe('processing');
    expect(uploadOutcome({ id: '1', error: null, activity_id: '77' })).toEqual({
      status: 'written',
      destinationId: '77',
    });
    expect(
      uploadOutcome({ id: '1', error: "a.fit duplicate of <a href='/activities/4242'>activity 4242</a>" }),
    ).toEqual({
      status: 'duplicate',
      destinationId: '4242',
    });
    expect(uploadOutcome({ id: '1', error: 'Improperly formatted data.' })).toMatchObject({
      status: 'failed',
      code: 'SW_ITEM_REJECTED_BY_DESTINATION',
    });
  });
});

describe('activity cursor', () => {
  it('keeps the committed epoch until the last page, and ignores foreign page tokens in ranges', () => {
    expect(positionFromCursor(null, undefined)).toEqual({ after: 0, page: 1, newest: 0 });
    expect(positionFromCursor('1764064800', undefined)).toEqual({
      after: 1764064800,
      page: 1,
      newest: 1764064800,
    });
    const token = encodePageCursor({ after: 10, page: 3, newest: 99 });
    expect(positionFromCursor(token, undefined)).toEqual({ after: 10, page: 3, newest: 99 });
    const range = { from: new Date(1_000_000), to: new Date(2_000_000) };
    expect(positionFromCursor(token, range)).toMatchObject({ after: 999, before: 2000, page: 1 });
    const rangeToken = encodePageCursor({ after: 999, before: 2000, page: 2, newest: 999 });
    expect(positionFromCursor(rangeToken, range).page).toBe(2);
    expect(positionFromCursor('garbage', undefined).after).toBe(0);
  });
});
