import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SyncWellError } from '@syncwell/core';
import { createApiLogger } from './api-logger.js';
import { scrubText } from './log-scrubber.js';

const SECRETS = {
  accessToken: '7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a',
  refreshToken: 'rt_Q2xvc2VkIGJ5IHRoZSB2YXVsdA8b4c',
  oauthCode: 'a1b2c3d4e5f6g7h8',
  oauthState: 'nq7ZsVw0C8m1Pbq4Xo2Lr9Yd',
  password: 'hunter2 but longer',
  email: 'ada.lovelace@example.org',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXBhcnQ',
  athleteId: '90210334',
  cookie: 'sw_refresh=rt-cookie-secret-value',
} as const;

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createApiLogger({ level: 'debug', destination }), lines };
}

describe('logs redact by what a value is', () => {
  it('keeps error codes, run ids, routes and counts; hides tokens, codes, emails, ids and health values', () => {
    const { logger, lines } = capture();
    const runId = '3f0c6a1e-2b7d-4e59-8a1c-9d2e7f4b6a01';
    logger.info(
      { code: 'SW_PROVIDER_AUTH_EXPIRED', runId, route: '/v1/rules/:id/sync', status: 401, items: 3 },
      'run finished',
    );
    logger.warn({ err: new SyncWellError('SW_RUN_LOCK_LOST'), runId }, 'commit refused');
    logger.warn(
      {
        query: { code: SECRETS.oauthCode, state: SECRETS.oauthState },
        headers: { authorization: `Bearer ${SECRETS.jwt}`, cookie: SECRETS.cookie },
        tokens: { accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshToken },
        user: { email: SECRETS.email, password: SECRETS.password },
        externalUserId: SECRETS.athleteId,
        record: { type: 'workout', distance: { value: 10_234, unit: 'm' } },
        samples: [{ bpm: 151 }],
      },
      `callback https://sync.test/v1/oauth/strava/callback?code=${SECRETS.oauthCode}&state=${SECRETS.oauthState} for ${SECRETS.email}`,
    );
    logger.error(
      {
        err: new Error(
          `upstream said: invalid token ${SECRETS.accessToken} (Bearer ${SECRETS.refreshToken})`,
        ),
      },
      'provider call failed',
    );
    // pino's own `time` (epoch ms of today) may hold any digits: the health values are looked for
    // in everything else, so the test holds on any date.
    const text = lines.map((line) => line.replace(/"time":\d+,/, '')).join('');
    for (const [name, secret] of Object.entries(SECRETS)) expect(text, name).not.toContain(secret);
    expect(text).not.toContain('10234');
    expect(text).not.toContain('151');
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({
      code: 'SW_PROVIDER_AUTH_EXPIRED',
      runId,
      route: '/v1/rules/:id/sync',
      status: 401,
      items: 3,
    });
    expect(second).toMatchObject({ err: { code: 'SW_RUN_LOCK_LOST' }, runId });
    expect(text).toContain('/v1/oauth/strava/callback?code=[redacted]&state=[redacted]');
  });

  it('keeps Node and PostgreSQL error codes and status words, refuses OAuth codes and states', () => {
    const { logger, lines } = capture();
    logger.warn({ code: 'ECONNREFUSED', pgCode: '57P01', state: 'needs_reauth' }, 'x');
    logger.warn({ code: 'AbC123xyz', state: SECRETS.oauthState }, 'y');
    const [kept, hidden] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(kept).toMatchObject({ code: 'ECONNREFUSED', pgCode: '57P01', state: 'needs_reauth' });
    expect(hidden).toMatchObject({ code: '[redacted]', state: '[redacted]' });
  });

  it('leaves paths, UUIDs and prose alone', () => {
    const text =
      'GET /v1/runs/3f0c6a1e-2b7d-4e59-8a1c-9d2e7f4b6a01 failed at /srv/syncwell/packages/server/src/http/build-app.ts:12';
    expect(scrubText(text)).toBe(text);
  });

  it('keeps trace and span ids (hex, for joining logs to traces) but not a token under their names', () => {
    const { logger, lines } = capture();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spanId = '00f067aa0ba902b7';
    logger.info({ trace_id: traceId, span_id: spanId }, 'traced');
    logger.info({ trace_id: SECRETS.refreshToken }, 'not a trace id');
    expect(lines[0]).toContain(traceId);
    expect(lines[0]).toContain(spanId);
    expect(lines[1]).not.toContain(SECRETS.refreshToken);
  });
});
