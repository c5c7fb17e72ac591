import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api-test-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('health, readiness, catalogue and docs', () => {
  it('is alive regardless of dependencies', async () => {
    h.readiness.failing = true;
    const res = await h.app.inject({ method: 'GET', url: '/health' });
    h.readiness.failing = false;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness per dependency: 200 when all answer, 503 naming the one that fails', async () => {
    const ready = await h.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'store', status: 'ok' },
        { name: 'queue', status: 'ok' },
      ],
    });
    h.readiness.failing = true;
    const notReady = await h.app.inject({ method: 'GET', url: '/ready' });
    h.readiness.failing = false;
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({
      status: 'not_ready',
      checks: [
        { name: 'store', status: 'ok' },
        { name: 'queue', status: 'failed' },
      ],
    });
  });

  it('lists configured providers from their facts', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/providers' });
    expect(res.statusCode).toBe(200);
    const { providers } = res.json<{ providers: { id: string }[] }>();
    expect(providers.map((p) => p.id)).toEqual(['polar', 'strava']);
    expect(providers[1]).toEqual({
      id: 'strava',
      displayName: 'STRAVA <Cloud>',
      readable: ['workout'],
      writable: ['workout'],
      push: 'webhook',
      backfillWindowDays: 365,
      terms: { ownerOnly: true, excludeFromTraining: true },
    });
  });

  it('serves the OpenAPI document with the v1 routes and the docs UI', async () => {
    const spec = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    const document = spec.json<{ paths: Record<string, Record<string, { security?: unknown }>> }>();
    const paths = Object.keys(document.paths);
    expect(document.paths['/v1/rules']?.post?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/v1/sessions']?.post?.security).toBeUndefined();
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/users',
        '/v1/sessions',
        '/v1/rules/{id}/sync',
        '/v1/runs',
        '/v1/webhooks/{provider}',
        '/v1/backfills/{id}',
        '/v1/backfills/{id}/chunks',
        '/v1/backfills/{id}/cancel',
      ]),
    );
    // A new backfill is 202, the rule's active one 200; both documented with the same body.
    const backfill = (document.paths['/v1/rules/{id}/backfill'] as { post?: { responses?: object } }).post;
    expect(Object.keys(backfill?.responses ?? {})).toEqual(expect.arrayContaining(['200', '202']));
    const runs = JSON.stringify(document.paths['/v1/runs']);
    expect(runs).toContain('backfillId');
    expect(runs).toContain('backfill_chunk');
    const ui = await h.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('sets security headers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
