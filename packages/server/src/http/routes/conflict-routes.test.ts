import type { NewConflict } from '@syncwell/core';
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
let otherRuleId: string;

interface View {
  id: string;
  ruleId: string;
  status: string;
  resolution: string | null;
  sourceExternalId: string;
  destinationId: string;
  range: { from: string; to: string };
}

const descriptor = (rule: string, sourceExternalId: string): NewConflict => ({
  ruleId: rule,
  dataType: 'workout',
  range: { from: new Date('2031-02-01T07:00:00Z'), to: new Date('2031-02-01T07:30:00Z') },
  sourceExternalId,
  destinationId: `act-${sourceExternalId}`,
  code: 'SW_ITEM_CONFLICT_PENDING',
});

beforeAll(async () => {
  h = await createApiHarness();
  alice = await signUpAndLogIn(h.app, 'alice-c@example.org');
  mallory = await signUpAndLogIn(h.app, 'mallory-c@example.org');
  const polar = await connect(h.app, alice, 'polar', 'alice-c-polar');
  const strava = await connect(h.app, alice, 'strava', 'alice-c-strava');
  const rule = {
    userId: alice.userId,
    sourceConnectionId: polar,
    destinationConnectionId: strava,
    dataTypes: ['workout' as const],
    conflictStrategy: 'ask' as const,
    intervalMinutes: 60,
    enabled: true,
    nextRunAt: null,
  };
  ruleId = (await h.store.createRule(rule)).id;
  otherRuleId = (await h.store.createRule(rule)).id;
  await h.store.recordConflicts([descriptor(ruleId, 'w1'), descriptor(otherRuleId, 'w2')]);
});
afterAll(async () => {
  await h.close();
});

const get = (user: SignedInUser, url: string) => h.app.inject({ method: 'GET', url, headers: user.auth });
const resolve = (user: SignedInUser, id: string, payload: unknown) =>
  h.app.inject({
    method: 'POST',
    url: `/v1/conflicts/${id}/resolve`,
    headers: user.auth,
    payload: payload as Record<string, unknown>,
  });

async function conflictOf(sourceExternalId: string): Promise<View> {
  const { conflicts } = (await get(alice, '/v1/conflicts')).json<{ conflicts: View[] }>();
  const found = conflicts.find((c) => c.sourceExternalId === sourceExternalId);
  if (found === undefined) throw new Error(`no conflict for ${sourceExternalId}`);
  return found;
}

describe('conflicts API', () => {
  it('lists only the caller’s descriptors, filtered by rule and status, with no values', async () => {
    const res = await get(alice, '/v1/conflicts');
    expect(res.statusCode).toBe(200);
    const { conflicts } = res.json<{ conflicts: View[] }>();
    expect(conflicts.map((c) => c.sourceExternalId).sort()).toEqual(['w1', 'w2']);
    expect(conflicts[0]).toMatchObject({ status: 'open', resolution: null });
    expect(Object.keys(conflicts[0] ?? {}).sort()).toEqual([
      'appliedAt',
      'code',
      'dataType',
      'destinationId',
      'detectedAt',
      'id',
      'range',
      'resolution',
      'resolvedAt',
      'ruleId',
      'sourceExternalId',
      'status',
    ]);
    const byRule = (await get(alice, `/v1/conflicts?ruleId=${otherRuleId}`)).json<{ conflicts: View[] }>();
    expect(byRule.conflicts.map((c) => c.sourceExternalId)).toEqual(['w2']);
    expect((await get(alice, '/v1/conflicts?status=resolved')).json()).toEqual({ conflicts: [] });
    expect((await get(mallory, '/v1/conflicts')).json()).toEqual({ conflicts: [] });
    expect((await h.app.inject({ method: 'GET', url: '/v1/conflicts' })).statusCode).toBe(401);
  });

  it('answers 404 for another user’s conflict and 400 for bad input, changing nothing', async () => {
    const w1 = await conflictOf('w1');
    expect((await get(mallory, `/v1/conflicts/${w1.id}`)).statusCode).toBe(404);
    expect((await resolve(mallory, w1.id, { choice: 'source' })).statusCode).toBe(404);
    expect((await get(alice, '/v1/conflicts/not-a-uuid')).statusCode).toBe(404);
    for (const bad of [{ choice: 'mine' }, {}, { choice: 'source', extra: 1 }]) {
      const res = await resolve(alice, w1.id, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('SW_VALIDATION_FAILED');
    }
    expect((await get(alice, '/v1/conflicts?status=bogus')).statusCode).toBe(400);
    const after = await get(alice, `/v1/conflicts/${w1.id}`);
    expect(after.statusCode).toBe(200);
    expect(after.json<{ conflict: View }>().conflict).toMatchObject({ status: 'open', resolution: null });
  });

  it('resolves (the choice may change until a run applies it), then refuses to change it', async () => {
    const w1 = await conflictOf('w1');
    expect(
      (await resolve(alice, w1.id, { choice: 'source' })).json<{ conflict: View }>().conflict,
    ).toMatchObject({
      status: 'resolved',
      resolution: 'source',
    });
    const changed = await resolve(alice, w1.id, { choice: 'destination' });
    expect(changed.statusCode).toBe(200);
    expect(
      (await get(alice, '/v1/conflicts?status=resolved')).json<{ conflicts: View[] }>().conflicts,
    ).toHaveLength(1);

    await h.store.markConflictsApplied([w1.id]); // what the next run of the rule does
    const again = await resolve(alice, w1.id, { choice: 'destination' });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ conflict: View }>().conflict.status).toBe('applied');
    const refused = await resolve(alice, w1.id, { choice: 'both' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('SW_CONFLICT_ALREADY_APPLIED');
  });
});
