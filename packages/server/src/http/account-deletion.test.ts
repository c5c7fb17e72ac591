import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from './api-test-harness.js';
import { seedTenant, type TenantFixture } from './sweep/tenant-fixture.js';

let h: ApiHarness;
let alice: TenantFixture;
let bob: TenantFixture;

beforeAll(async () => {
  h = await createApiHarness();
  alice = await seedTenant(h, 'alice-delete');
  bob = await seedTenant(h, 'bob-delete');
  // A manual run waiting in the queue when the account goes.
  const sync = await h.app.inject({
    method: 'POST',
    url: `/v1/rules/${alice.ids.rule}/sync`,
    headers: alice.user.auth,
  });
  expect(sync.statusCode).toBe(202);
}, 60_000);
afterAll(async () => h.close());

const zeroes = (counts: Record<string, number>) => Object.entries(counts).filter(([, n]) => n !== 0);

describe('DELETE /v1/users/me', () => {
  it('resumes after an interruption midway and ends with every row gone, no forgotten grant revoked twice', async () => {
    const bobBefore = await h.store.countUserData(bob.user.userId);
    const aliceRunJobs = h.queue.jobs
      .map((j) => j.payload.runId)
      .filter((id): id is string => id !== undefined);
    expect(aliceRunJobs.length).toBeGreaterThan(0);

    // The process dies after revoking and forgetting the first connection.
    const forget = h.store.deleteConnection.bind(h.store);
    let calls = 0;
    h.store.deleteConnection = (id, userId) => {
      calls++;
      return calls === 2 ? Promise.reject(new Error('process killed')) : forget(id, userId);
    };
    const interrupted = await h.app.inject({
      method: 'DELETE',
      url: '/v1/users/me',
      headers: alice.user.auth,
    });
    expect(interrupted.statusCode).toBe(500);
    h.store.deleteConnection = forget;

    // Midway: nothing can run any more, one grant is revoked and forgotten, the account remains.
    expect(await h.store.getUser(alice.user.userId)).not.toBeNull();
    expect((await h.store.listRulesByUser(alice.user.userId)).every((r) => !r.enabled)).toBe(true);
    for (const status of ['queued', 'running'] as const) {
      expect(await h.store.listRuns({ userId: alice.user.userId, status })).toEqual([]);
    }
    const left = await h.store.listConnectionsByUser(alice.user.userId);
    expect(left).toHaveLength(1);
    // Both grants were revoked: the crash came between the second revoke and its forgetting.
    expect([h.polar.revoked.length, h.strava.revoked.length]).toEqual([1, 1]);
    const forgotten = left[0]!.provider === 'polar' ? h.strava : h.polar;
    const remaining = left[0]!.provider === 'polar' ? h.polar : h.strava;

    const resumed = await h.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: alice.user.auth });
    expect(resumed.statusCode).toBe(204);
    expect(zeroes(await h.store.countUserData(alice.user.userId))).toEqual([]);
    // The grant forgotten before the crash is not revoked again; the other is asked once more.
    expect(forgotten.revoked).toHaveLength(1);
    expect(remaining.revoked).toHaveLength(2);
    expect(await h.store.countUserData(bob.user.userId)).toEqual(bobBefore);
    // Every queued job of alice's now finds no run: the worker does nothing with it.
    for (const runId of aliceRunJobs.filter((id) => !bob.secrets.includes(id))) {
      const run = await h.store.getRun(runId);
      expect(run === null || run.userId === bob.user.userId).toBe(true);
    }

    // Idempotent: asking again changes nothing (204, or 401 once the token dies with the account).
    const again = await h.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: alice.user.auth });
    expect([204, 401]).toContain(again.statusCode);
    expect(await h.store.countUserData(bob.user.userId)).toEqual(bobBefore);
  });
});
