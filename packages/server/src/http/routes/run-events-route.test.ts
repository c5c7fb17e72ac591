import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createApiHarness,
  signUpAndLogIn,
  type ApiHarness,
  type SignedInUser,
} from '../api-test-harness.js';

let h: ApiHarness;
let alice: SignedInUser;
let mallory: SignedInUser;
let ruleId: string;

beforeAll(async () => {
  h = await createApiHarness();
  alice = await signUpAndLogIn(h.app, 'alice-sse@example.org');
  mallory = await signUpAndLogIn(h.app, 'mallory-sse@example.org');
  const polar = await connect(h.app, alice, 'polar', 'alice-sse-polar');
  const strava = await connect(h.app, alice, 'strava', 'alice-sse-strava');
  ruleId = (
    await h.store.createRule({
      userId: alice.userId,
      sourceConnectionId: polar,
      destinationConnectionId: strava,
      dataTypes: ['workout'],
      conflictStrategy: 'source_wins',
      intervalMinutes: 60,
      enabled: true,
      nextRunAt: null,
    })
  ).id;
});
afterAll(async () => {
  await h.close();
});

function runEvents(body: string): { status: string }[] {
  return body
    .split('\n\n')
    .filter((block) => block.startsWith('event: run\n'))
    .map(
      (block) => (JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { run: { status: string } }).run,
    );
}

describe('GET /v1/runs/:id/events', () => {
  it('streams the run as it changes (queued → running → succeeded), then ends', async () => {
    const run = await h.store.createRun({ ruleId, userId: alice.userId, trigger: 'manual' });
    // The worker's side, while the stream is open: start, then finish.
    const worker = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await h.store.markRunRunning(run.id);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await h.store.finishRun(run.id, 'succeeded');
    })();
    const res = await h.app.inject({ method: 'GET', url: `/v1/runs/${run.id}/events`, headers: alice.auth });
    await worker;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(runEvents(res.body).map((r) => r.status)).toEqual(['queued', 'running', 'succeeded']);
  });

  it('sends a finished run once and closes', async () => {
    const run = await h.store.createRun({ ruleId, userId: alice.userId, trigger: 'manual' });
    await h.store.finishRun(run.id, 'failed', 'SW_PROVIDER_UNAVAILABLE');
    const res = await h.app.inject({ method: 'GET', url: `/v1/runs/${run.id}/events`, headers: alice.auth });
    expect(runEvents(res.body)).toEqual([
      expect.objectContaining({ status: 'failed', errorCode: 'SW_PROVIDER_UNAVAILABLE' }),
    ]);
  });

  it('is the owner’s only: another user gets 404, no token 401', async () => {
    const run = await h.store.createRun({ ruleId, userId: alice.userId, trigger: 'manual' });
    const foreign = await h.app.inject({
      method: 'GET',
      url: `/v1/runs/${run.id}/events`,
      headers: mallory.auth,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'SW_NOT_FOUND' });
    const anonymous = await h.app.inject({ method: 'GET', url: `/v1/runs/${run.id}/events` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is in the OpenAPI document as a text/event-stream behind the bearer token', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { get: { security: unknown; responses: Record<string, { content: object }> } }>;
    }>();
    const route = doc.paths['/v1/runs/{id}/events']?.get;
    expect(route?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(route?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });
});
