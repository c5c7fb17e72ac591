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
let polarId: string;
let stravaId: string;
let mallorysStrava: string;
beforeAll(async () => {
  h = await createApiHarness();
  alice = await signUpAndLogIn(h.app, 'alice@example.org');
  mallory = await signUpAndLogIn(h.app, 'mallory@example.org');
  polarId = await connect(h.app, alice, 'polar', 'alice-polar');
  stravaId = await connect(h.app, alice, 'strava', 'alice-strava');
  mallorysStrava = await connect(h.app, mallory, 'strava', 'mallory-strava');
});
afterAll(async () => {
  await h.close();
});

function createRule(user: SignedInUser, payload: Record<string, unknown>) {
  return h.app.inject({ method: 'POST', url: '/v1/rules', headers: user.auth, payload });
}

/** Alice's Polar → Strava workout rule, alone: an identical second rule is refused (SW_RULE_DUPLICATE). */
async function soleWorkoutRule(): Promise<{ id: string }> {
  for (const rule of await h.store.listRulesByUser(alice.userId))
    await h.store.deleteRule(rule.id, alice.userId);
  const res = await createRule(alice, {
    sourceConnectionId: polarId,
    destinationConnectionId: stravaId,
    dataTypes: ['workout'],
  });
  if (res.statusCode !== 201) throw new Error(`rule not created: ${res.body}`);
  return res.json<{ rule: { id: string } }>().rule;
}

describe('rules', () => {
  it('creates a rule with defaults and schedules it at once', async () => {
    const res = await createRule(alice, {
      sourceConnectionId: polarId,
      destinationConnectionId: stravaId,
      dataTypes: ['workout'],
    });
    expect(res.statusCode).toBe(201);
    const { rule } = res.json<{ rule: Record<string, unknown> }>();
    expect(rule).toMatchObject({
      conflictStrategy: 'source_wins',
      intervalMinutes: 60,
      enabled: true,
      dataTypes: ['workout'],
    });
    expect(rule.nextRunAt).toEqual(expect.any(String));
    const list = await h.app.inject({ method: 'GET', url: '/v1/rules', headers: alice.auth });
    expect(list.json<{ rules: { id: string }[] }>().rules.map((r) => r.id)).toContain(rule.id);
  });

  it.each([
    ['no data types', { dataTypes: [] }],
    ['interval too short', { intervalMinutes: 5 }],
    ['interval too long', { intervalMinutes: 2000 }],
    ['unknown strategy', { conflictStrategy: 'coin_flip' }],
    ['unknown data type', { dataTypes: ['mood'] }],
    ['repeated data type', { dataTypes: ['workout', 'workout'] }],
    ['unknown field', { owner: 'someone' }],
  ])('refuses %s with 400', async (_name, override) => {
    const res = await createRule(alice, {
      sourceConnectionId: polarId,
      destinationConnectionId: stravaId,
      dataTypes: ['workout'],
      ...override,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'SW_VALIDATION_FAILED' });
  });

  it('refuses data types the source cannot read or the destination cannot write, with details', async () => {
    const before = (await h.store.listRulesByUser(alice.userId)).length;
    const res = await createRule(alice, {
      sourceConnectionId: polarId,
      destinationConnectionId: stravaId,
      dataTypes: ['workout', 'sleep', 'heart_rate'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'SW_RULE_INVALID',
      details: {
        reason: 'unsupported_data_types',
        unreadable: ['heart_rate'],
        unwritable: ['sleep', 'heart_rate'],
      },
    });
    const reversed = await createRule(alice, {
      sourceConnectionId: stravaId,
      destinationConnectionId: polarId,
      dataTypes: ['workout'],
    });
    expect(reversed.json()).toMatchObject({ code: 'SW_RULE_INVALID', details: { unwritable: ['workout'] } });
    expect(await h.store.listRulesByUser(alice.userId)).toHaveLength(before);
  });

  it('refuses the same connection on both ends', async () => {
    const res = await createRule(alice, {
      sourceConnectionId: stravaId,
      destinationConnectionId: stravaId,
      dataTypes: ['workout'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'SW_RULE_INVALID', details: { reason: 'same_connection' } });
  });

  it("answers 404 for another user's connection or rule and changes nothing", async () => {
    const foreign = await createRule(alice, {
      sourceConnectionId: polarId,
      destinationConnectionId: mallorysStrava,
      dataTypes: ['workout'],
    });
    expect(foreign.statusCode).toBe(404);
    const rule = await soleWorkoutRule();
    for (const [method, url] of [
      ['GET', `/v1/rules/${rule.id}`],
      ['DELETE', `/v1/rules/${rule.id}`],
      ['POST', `/v1/rules/${rule.id}/sync`],
    ] as const) {
      const res = await h.app.inject({ method, url, headers: mallory.auth });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const patch = await h.app.inject({
      method: 'PATCH',
      url: `/v1/rules/${rule.id}`,
      headers: mallory.auth,
      payload: { enabled: false },
    });
    expect(patch.statusCode).toBe(404);
    expect((await h.store.getRule(rule.id))?.enabled).toBe(true);
    expect(h.queue.jobs.filter((job) => job.payload.ruleId === rule.id)).toHaveLength(0);
  });

  it('answers malformed ids like unknown ones: 404', async () => {
    for (const url of [
      '/v1/rules/not-a-uuid',
      '/v1/connections/42',
      '/v1/runs/%27%3B--',
      '/v1/rules/x/sync',
    ]) {
      const res = await h.app.inject({
        method: url.endsWith('/sync') ? 'POST' : 'GET',
        url,
        headers: alice.auth,
      });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'SW_NOT_FOUND' });
    }
  });

  it('patches a rule: disabling unschedules it, data types are re-checked', async () => {
    const rule = await soleWorkoutRule();
    const off = await h.app.inject({
      method: 'PATCH',
      url: `/v1/rules/${rule.id}`,
      headers: alice.auth,
      payload: { enabled: false, intervalMinutes: 30 },
    });
    expect(off.json()).toMatchObject({ rule: { enabled: false, intervalMinutes: 30, nextRunAt: null } });
    const on = await h.app.inject({
      method: 'PATCH',
      url: `/v1/rules/${rule.id}`,
      headers: alice.auth,
      payload: { enabled: true },
    });
    expect(on.json<{ rule: { nextRunAt: string | null } }>().rule.nextRunAt).not.toBeNull();
    const bad = await h.app.inject({
      method: 'PATCH',
      url: `/v1/rules/${rule.id}`,
      headers: alice.auth,
      payload: { dataTypes: ['sleep'] },
    });
    expect(bad.statusCode).toBe(422);
    expect((await h.store.getRule(rule.id))?.dataTypes).toEqual(['workout']);
    const del = await h.app.inject({ method: 'DELETE', url: `/v1/rules/${rule.id}`, headers: alice.auth });
    expect(del.statusCode).toBe(204);
    expect(
      (await h.app.inject({ method: 'GET', url: `/v1/rules/${rule.id}`, headers: alice.auth })).statusCode,
    ).toBe(404);
  });
});

describe('deleting a connection', () => {
  it('deletes the rules that use it', async () => {
    const spare = await connect(h.app, alice, 'polar', 'alice-polar-spare');
    const { rule } = (
      await createRule(alice, {
        sourceConnectionId: spare,
        destinationConnectionId: stravaId,
        dataTypes: ['workout'],
      })
    ).json<{
      rule: { id: string };
    }>();
    expect(
      (await h.app.inject({ method: 'DELETE', url: `/v1/connections/${spare}`, headers: alice.auth }))
        .statusCode,
    ).toBe(204);
    expect(
      (await h.app.inject({ method: 'GET', url: `/v1/rules/${rule.id}`, headers: alice.auth })).statusCode,
    ).toBe(404);
    expect(await h.store.getConnection(stravaId)).not.toBeNull();
  });
});

describe('manual sync and runs', () => {
  it('writes a queued manual run, enqueues exactly one ids-only job, and shows the run', async () => {
    const rule = await soleWorkoutRule();
    const jobsBefore = h.queue.jobs.length;
    const res = await h.app.inject({ method: 'POST', url: `/v1/rules/${rule.id}/sync`, headers: alice.auth });
    expect(res.statusCode).toBe(202);
    const { run } = res.json<{ run: { id: string; status: string; trigger: string } }>();
    expect(run).toMatchObject({ status: 'queued', trigger: 'manual' });
    expect(h.queue.jobs.slice(jobsBefore)).toEqual([
      { name: 'sync-run', payload: { runId: run.id, ruleId: rule.id }, priority: 'manual', jobId: run.id },
    ]);
    expect((await h.store.getRun(run.id))?.status).toBe('queued');

    await h.store.commitPage({
      runId: run.id,
      ruleId: rule.id,
      dataType: 'workout',
      cursor: null,
      done: [],
      items: [
        {
          dataType: 'workout',
          externalId: 'ext-1',
          outcome: 'skipped',
          code: 'SW_ITEM_ALREADY_SYNCED',
          destinationId: 'dest-1',
        },
      ],
    });
    const detail = await h.app.inject({ method: 'GET', url: `/v1/runs/${run.id}`, headers: alice.auth });
    expect(detail.json()).toMatchObject({
      run: {
        id: run.id,
        items: [
          {
            dataType: 'workout',
            externalId: 'ext-1',
            outcome: 'skipped',
            code: 'SW_ITEM_ALREADY_SYNCED',
            destinationId: 'dest-1',
            message: null,
          },
        ],
      },
    });
    expect(
      (await h.app.inject({ method: 'GET', url: `/v1/runs/${run.id}`, headers: mallory.auth })).statusCode,
    ).toBe(404);

    const listed = await h.app.inject({
      method: 'GET',
      url: `/v1/runs?ruleId=${rule.id}&status=queued`,
      headers: alice.auth,
    });
    expect(listed.json<{ runs: { id: string }[] }>().runs.map((r) => r.id)).toEqual([run.id]);
    const mallorysView = await h.app.inject({
      method: 'GET',
      url: `/v1/runs?ruleId=${rule.id}`,
      headers: mallory.auth,
    });
    expect(mallorysView.json()).toEqual({ runs: [], nextCursor: null });
  });

  it('pages runs with an opaque cursor and refuses a forged one', async () => {
    const rule = await soleWorkoutRule();
    // Three runs one after the other (a sync while one is queued would answer that one).
    for (let i = 0; i < 3; i += 1) {
      const sync = await h.app.inject({
        method: 'POST',
        url: `/v1/rules/${rule.id}/sync`,
        headers: alice.auth,
      });
      await h.store.finishRun(sync.json<{ run: { id: string } }>().run.id, 'succeeded');
    }
    const first = (
      await h.app.inject({ method: 'GET', url: `/v1/runs?ruleId=${rule.id}&limit=2`, headers: alice.auth })
    ).json<{
      runs: { id: string }[];
      nextCursor: string;
    }>();
    expect(first.runs).toHaveLength(2);
    const second = (
      await h.app.inject({
        method: 'GET',
        url: `/v1/runs?ruleId=${rule.id}&limit=2&cursor=${first.nextCursor}`,
        headers: alice.auth,
      })
    ).json<{
      runs: { id: string }[];
      nextCursor: string | null;
    }>();
    expect(second.runs).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.runs, ...second.runs].map((r) => r.id)).size).toBe(3);
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/runs?cursor=!!!', headers: alice.auth })).statusCode,
    ).toBe(400);
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/runs?limit=500', headers: alice.auth })).statusCode,
    ).toBe(400);
  });

  it('answers 409 SW_CONNECTION_NOT_READY when a connection needs re-auth, and queues nothing', async () => {
    const rule = await soleWorkoutRule();
    await h.store.setConnectionStatus(stravaId, 'needs_reauth');
    const jobsBefore = h.queue.jobs.length;
    const res = await h.app.inject({ method: 'POST', url: `/v1/rules/${rule.id}/sync`, headers: alice.auth });
    await h.store.setConnectionStatus(stravaId, 'active');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'SW_CONNECTION_NOT_READY',
      details: { connectionId: stravaId },
    });
    expect(h.queue.jobs).toHaveLength(jobsBefore);
    expect(await h.store.listRuns({ userId: alice.userId, ruleId: rule.id })).toHaveLength(0);
  });

  it('still answers 202 when the queue is down: the queued run row is the promise', async () => {
    const rule = await soleWorkoutRule();
    h.queue.failNext = true;
    const res = await h.app.inject({ method: 'POST', url: `/v1/rules/${rule.id}/sync`, headers: alice.auth });
    expect(res.statusCode).toBe(202);
    expect((await h.store.listUnfinishedRuns()).map((r) => r.id)).toContain(
      res.json<{ run: { id: string } }>().run.id,
    );
  });
});

describe('duplicate and disabled rules', () => {
  const patch = (id: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'PATCH', url: `/v1/rules/${id}`, headers: alice.auth, payload });

  it('refuses an identical rule with 409 SW_RULE_DUPLICATE naming the existing one, whatever its strategy', async () => {
    const rule = await soleWorkoutRule();
    const again = await createRule(alice, {
      sourceConnectionId: polarId,
      destinationConnectionId: stravaId,
      dataTypes: ['workout'],
      conflictStrategy: 'newest',
      intervalMinutes: 30,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SW_RULE_DUPLICATE', details: { ruleId: rule.id } });
    expect((await h.store.listRulesByUser(alice.userId)).map((r) => r.id)).toEqual([rule.id]);
    // Another destination is another rule.
    const otherStrava = await connect(h.app, alice, 'strava', 'alice-strava-2');
    const elsewhere = await createRule(alice, {
      sourceConnectionId: polarId,
      destinationConnectionId: otherStrava,
      dataTypes: ['workout'],
    });
    expect(elsewhere.statusCode).toBe(201);
    await h.app.inject({ method: 'DELETE', url: `/v1/connections/${otherStrava}`, headers: alice.auth });
  });

  it('refuses a PATCH that makes a rule identical to another (types in any order), and allows one that keeps it itself', async () => {
    const rule = await soleWorkoutRule();
    // A rule on other types between the same ends, made in the store (the double's Strava only
    // takes workouts, so the API would refuse it on compatibility first).
    const other = await h.store.createRule({
      userId: alice.userId,
      sourceConnectionId: polarId,
      destinationConnectionId: stravaId,
      dataTypes: ['sleep'],
      conflictStrategy: 'ask',
      intervalMinutes: 60,
      enabled: true,
      nextRunAt: null,
    });
    const made = await patch(other.id, { dataTypes: ['workout'] });
    expect(made.statusCode).toBe(409);
    expect(made.json()).toMatchObject({ code: 'SW_RULE_DUPLICATE', details: { ruleId: rule.id } });
    expect((await h.store.getRule(other.id))?.dataTypes).toEqual(['sleep']);
    expect((await patch(rule.id, { dataTypes: ['workout'], intervalMinutes: 45 })).statusCode).toBe(200);
    await h.store.deleteRule(other.id);
  });

  it('refuses a manual sync of a disabled rule with 409 SW_RULE_DISABLED and writes no run', async () => {
    const rule = await soleWorkoutRule();
    expect((await patch(rule.id, { enabled: false })).statusCode).toBe(200);
    const jobsBefore = h.queue.jobs.length;
    const res = await h.app.inject({ method: 'POST', url: `/v1/rules/${rule.id}/sync`, headers: alice.auth });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SW_RULE_DISABLED', details: { ruleId: rule.id } });
    expect(h.queue.jobs).toHaveLength(jobsBefore);
    expect(await h.store.listRuns({ userId: alice.userId, ruleId: rule.id })).toHaveLength(0);
    expect((await patch(rule.id, { enabled: true })).statusCode).toBe(200);
    const enabled = await h.app.inject({
      method: 'POST',
      url: `/v1/rules/${rule.id}/sync`,
      headers: alice.auth,
    });
    expect(enabled.statusCode).toBe(202);
  });
});
