import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api-test-harness.js';
import { resourceOfField } from './id-references.js';
import {
  fillPath,
  operationName,
  pathParameterNames,
  servedOperations,
  type ApiOperation,
} from './openapi-operations.js';
import { exampleOf } from './schema-arbitrary.js';
import { SqliteSnapshotter } from './store-snapshot.js';
import { resourceOfPath, seedTenant, type TenantFixture } from './tenant-fixture.js';

/*
 * DESIGN §6.4 swept over the served OpenAPI document: the second user calls every route with the
 * first user's ids (in the path, in id-naming body fields, in id-naming query filters). Every
 * such call is a 404 and changes nothing; every list the second user reads holds none of the
 * first user's identifiers. A new route with an `{id}` the sweep cannot place fails it.
 */

let h: ApiHarness;
let alice: TenantFixture;
let bob: TenantFixture;
let operations: ApiOperation[];
let snapshots: SqliteSnapshotter | undefined;

beforeAll(async () => {
  h = await createApiHarness({}, { insights: true });
  alice = await seedTenant(h, 'alice-tenant');
  bob = await seedTenant(h, 'bob-tenant');
  operations = await servedOperations(h.app);
  snapshots = new SqliteSnapshotter(h.databaseFile);
}, 60_000);
afterAll(async () => {
  snapshots?.close();
  await h.close();
});

/** The body and query of a call that passes validation, with every id-naming field set to alice's. */
function crossTenantRequest(op: ApiOperation): {
  url: string;
  payload: Record<string, unknown> | undefined;
  referencesAlice: boolean;
  inPath: boolean;
} {
  let referencesAlice = false;
  const pathValues: Record<string, string> = {};
  for (const name of pathParameterNames(op.path)) {
    if (name !== 'id') return { url: '', payload: undefined, referencesAlice: false, inPath: false };
    const kind = resourceOfPath(op.path);
    if (kind === undefined)
      throw new Error(`${operationName(op)}: no resource known for {id}; add it to the sweep`);
    pathValues.id = alice.ids[kind];
    referencesAlice = true;
  }
  const query = new URLSearchParams();
  for (const p of op.parameters.filter((p) => p.in === 'query')) {
    const kind = resourceOfField(p.name);
    if (kind !== undefined) {
      query.set(p.name, alice.ids[kind]);
      referencesAlice = true;
    }
  }
  let payload: Record<string, unknown> | undefined;
  if (op.body !== undefined) {
    payload = { ...(exampleOf(op.body.schema) as Record<string, unknown>) };
    for (const key of Object.keys(payload)) {
      const kind = resourceOfField(key);
      if (kind !== undefined) {
        payload[key] = alice.ids[kind];
        referencesAlice = true;
      }
    }
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return {
    url: fillPath(op.path, pathValues) + search,
    payload,
    referencesAlice,
    inPath: 'id' in pathValues,
  };
}

function leaksOf(body: string, allowed: readonly string[]): string[] {
  return alice.secrets.filter((secret) => !allowed.includes(secret) && body.includes(secret));
}

describe('cross-tenant sweep over every served route', () => {
  it('knows the resource of every {id} route', () => {
    const unknown = operations
      .filter((op) => op.path.includes('{id}') && resourceOfPath(op.path) === undefined)
      .map(operationName);
    expect(unknown).toEqual([]);
    // Every kind of resource is reached by at least one route (the sweep is not vacuous).
    const kinds = new Set(operations.map((op) => resourceOfPath(op.path)).filter((k) => k !== undefined));
    expect([...kinds].sort()).toEqual(Object.keys(alice.ids).sort());
  });

  it("answers 404 to every call with another user's ids, changes nothing and leaks nothing", async () => {
    const swept: string[] = [];
    const failures: string[] = [];
    for (const op of operations) {
      const request = crossTenantRequest(op);
      if (!request.referencesAlice) continue;
      if (!op.secured) failures.push(`${operationName(op)}: takes a user's id but is not bearer-protected`);
      const before = snapshots!.snapshot(h.queue.jobs);
      const reply = await h.app.inject({
        method: op.method,
        url: request.url,
        headers: bob.user.auth,
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
      swept.push(operationName(op));
      const given = Object.values(alice.ids).filter(
        (id) => request.url.includes(id) || JSON.stringify(request.payload ?? {}).includes(id),
      );
      const leaks = leaksOf(reply.body, given);
      if (leaks.length > 0) failures.push(`${operationName(op)}: leaked ${leaks.join(', ')}`);
      // A filter by a foreign id may answer an empty list; a path or body id must be "not found".
      const mustBe404 = request.inPath || request.payload !== undefined;
      if (mustBe404 && reply.statusCode !== 404)
        failures.push(`${operationName(op)}: ${reply.statusCode} ${reply.body.slice(0, 200)}`);
      if (!mustBe404 && reply.statusCode !== 404 && reply.statusCode !== 200)
        failures.push(`${operationName(op)}: ${reply.statusCode}`);
      if (reply.statusCode === 404) expect(reply.json<{ code: string }>().code).toBe('SW_NOT_FOUND');
      const after = snapshots!.snapshot(h.queue.jobs);
      if (JSON.stringify(after) !== JSON.stringify(before))
        failures.push(`${operationName(op)}: changed ${diff(before, after).join(', ')}`);
    }
    expect(failures).toEqual([]);
    // Every route under an id-bearing collection, and the id-naming filters and bodies.
    expect(swept.length).toBeGreaterThanOrEqual(operations.filter((op) => op.path.includes('{id}')).length);
  });

  it("shows none of the first user's identifiers in any list or read the second user can make", async () => {
    const failures: string[] = [];
    let reads = 0;
    for (const op of operations) {
      if (op.method !== 'GET' || !op.secured || pathParameterNames(op.path).length > 0) continue;
      const reply = await h.app.inject({ method: 'GET', url: op.path, headers: bob.user.auth });
      reads++;
      if (reply.statusCode >= 500) failures.push(`${operationName(op)}: ${reply.statusCode}`);
      const leaks = leaksOf(reply.body, []);
      if (leaks.length > 0) failures.push(`${operationName(op)}: leaked ${leaks.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThanOrEqual(6);
  });
});

function diff(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]);
}
