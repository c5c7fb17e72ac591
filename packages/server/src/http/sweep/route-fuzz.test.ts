import fc from 'fast-check';
import { isErrorCode, PROVIDER_IDS } from '@syncwell/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api-test-harness.js';
import {
  uriComponent,
  fillPath,
  operationName,
  pathParameterNames,
  servedOperations,
  type ApiOperation,
} from './openapi-operations.js';
import { arbitraryOf, hostileRawBody, hostileValue, nearMissOf } from './schema-arbitrary.js';
import { SqliteSnapshotter } from './store-snapshot.js';
import { resourceOfPath, seedTenant, type TenantFixture } from './tenant-fixture.js';

/*
 * DESIGN §6.6 swept: every operation of the served OpenAPI document gets FUZZ_RUNS generated
 * requests (default 1,000): bodies, paths and queries from its own schemas, near misses, and
 * hostile values (huge, deep, unicode, prototype keys, wrong types, malformed JSON, no body,
 * wrong content types, no or a forged token). Nothing may answer 5xx, every error is a catalogued
 * `{ code, message, details }`, and a rejected request changes no table and queues no job.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Error codes exempt from the body check (still checked for 5xx and writes): none since framework errors are catalogued. */
const OWNED_ELSEWHERE = new Set<string>();

interface FuzzRequest {
  readonly method: ApiOperation['method'];
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload: string | undefined;
}

// Built at load time so each served operation gets a test of its own (and its own timeout).
// scrypt at 2^10: the login routes get thousands of well-formed attempts; the cost is not what is under test.
const h: ApiHarness = await createApiHarness({}, { insights: true, passwordCost: { log2N: 10, r: 8, p: 1 } });
// Destructive routes last, each route against a fresh tenant: one route's success cannot
// starve the next of resources.
const operations: ApiOperation[] = (await servedOperations(h.app)).sort(
  (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
);
const snapshots = new SqliteSnapshotter(h.databaseFile);
afterAll(async () => {
  snapshots.close();
  await h.close();
});
/** Generous: a busy 2-core machine runs a few hundred requests a second at best. */
const ROUTE_TIMEOUT_MS = Math.max(120_000, RUNS * 600);

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  // undefined, functions and symbols stringify to undefined
  const text = JSON.stringify(value) as string | undefined;
  return text ?? '';
}

function pathValue(op: ApiOperation, name: string, tenant: TenantFixture): fc.Arbitrary<string> {
  const hostile = hostileValue().map(asText);
  if (name === 'id') {
    const kind = resourceOfPath(op.path);
    const own = kind === undefined ? fc.uuid() : fc.constant(tenant.ids[kind]);
    return fc.oneof(
      { arbitrary: own, weight: 4 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: hostile, weight: 2 },
    );
  }
  if (name === 'provider') {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...PROVIDER_IDS, 'fitbit'), weight: 3 },
      { arbitrary: hostile, weight: 1 },
    );
  }
  return hostile;
}

function queryArbitrary(op: ApiOperation): fc.Arbitrary<string> {
  const query = op.parameters.filter((p) => p.in === 'query');
  if (query.length === 0)
    return fc.oneof(
      fc.constant(''),
      hostileValue().map((v) => `x=${uriComponent(asText(v))}`),
    );
  const entries = query.map((p) =>
    fc
      .option(
        fc.oneof(
          { arbitrary: arbitraryOf(p.schema).map(asText), weight: 3 },
          { arbitrary: hostileValue().map(asText), weight: 1 },
        ),
        { nil: undefined },
      )
      .map((v) => (v === undefined ? '' : `${uriComponent(p.name)}=${uriComponent(v)}`)),
  );
  return fc.tuple(...entries).map((parts) => parts.filter((p) => p !== '').join('&'));
}

function bodyArbitrary(op: ApiOperation): fc.Arbitrary<string | undefined> {
  const schema = op.body?.schema;
  if (schema === undefined) {
    return fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: hostileValue().map(asText), weight: 1 },
    );
  }
  const valid = arbitraryOf(schema);
  return fc.oneof(
    { arbitrary: valid.map(asText), weight: 3 },
    { arbitrary: nearMissOf(schema).map(asText), weight: 3 },
    { arbitrary: hostileValue().map(asText), weight: 2 },
    { arbitrary: hostileRawBody(valid), weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

function headersArbitrary(
  op: ApiOperation,
  tenant: TenantFixture,
  hasBody: boolean,
): fc.Arbitrary<Record<string, string>> {
  const auth = fc.oneof(
    {
      arbitrary: fc.constant<string | undefined>(tenant.user.auth.authorization),
      weight: op.secured ? 8 : 1,
    },
    { arbitrary: fc.constant<string | undefined>(undefined), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        'Bearer ',
        'Bearer x.y.z',
        `Bearer ${tenant.user.refreshToken}`,
        'Basic YTpi',
        `Bearer ${'a'.repeat(9000)}`,
      ),
      weight: 1,
    },
  );
  const type = fc.oneof(
    { arbitrary: fc.constant<string | undefined>('application/json'), weight: 8 },
    {
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
        'application/xml',
      ),
      weight: 2,
    },
  );
  return fc.tuple(auth, type).map(([authorization, contentType]) => ({
    ...(authorization === undefined ? {} : { authorization }),
    ...(contentType === undefined || !hasBody ? {} : { 'content-type': contentType }),
  }));
}

function requestArbitrary(op: ApiOperation, tenant: TenantFixture): fc.Arbitrary<FuzzRequest> {
  const names = pathParameterNames(op.path);
  const path = fc
    .tuple(...names.map((n) => pathValue(op, n, tenant)))
    .map((values) => fillPath(op.path, Object.fromEntries(names.map((n, i) => [n, values[i] ?? '']))));
  return fc.tuple(path, queryArbitrary(op), bodyArbitrary(op)).chain(([url, query, payload]) =>
    headersArbitrary(op, tenant, payload !== undefined).map((headers) => ({
      method: op.method,
      url: query === '' ? url : `${url}?${query}`,
      headers,
      payload,
    })),
  );
}

/** What is wrong with an answer, or undefined. */
interface WriteMark {
  readonly version: number;
  readonly jobs: number;
}

function problemOf(
  status: number,
  contentType: string,
  body: string,
  before: WriteMark,
  after: WriteMark,
): string | undefined {
  if (status >= 500) return `${status} ${body.slice(0, 200)}`;
  if (status >= 400) {
    if (after.version !== before.version) return `${status} but wrote to the store`;
    if (after.jobs !== before.jobs) return `${status} but queued a job`;
    // The OAuth callback answers the user's browser with a page, not the API's error JSON.
    if (contentType.startsWith('text/html')) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `${status} non-JSON error body ${body.slice(0, 120)}`;
    }
    const { code, message, details } = (parsed ?? {}) as {
      code?: unknown;
      message?: unknown;
      details?: unknown;
    };
    if (typeof code === 'string' && OWNED_ELSEWHERE.has(code)) return undefined;
    if (typeof code !== 'string' || !isErrorCode(code)) return `${status} uncatalogued code ${String(code)}`;
    if (typeof message !== 'string') return `${status} ${code} without message`;
    if (typeof details !== 'object' || details === null || Array.isArray(details))
      return `${status} ${code} without details`;
  }
  return undefined;
}

describe('fuzzing every served route', () => {
  it('covers every operation of the served OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
  });

  let index = 0;
  let fuzzAddress = 1;
  for (const op of operations) {
    it(
      `${operationName(op)}: ${RUNS} generated requests, no 5xx, catalogued errors, no change on rejection`,
      async () => {
        // One entry per kind of problem, with how often and the first input that showed it.
        const problems = new Map<string, { count: number; example: string }>();
        const tenant = await seedTenant(h, `fuzz-${index++}`);
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(requestArbitrary(op, tenant), async (request) => {
            const before = { version: snapshots.writeVersion(), jobs: h.queue.jobs.length };
            let reply;
            try {
              reply = await h.app.inject({
                method: request.method,
                url: request.url,
                headers: request.headers,
                // Each input from an address of its own: the login throttle (per client address)
                // must not lock out the tenant seeding of the next route's test.
                remoteAddress: `10.${(fuzzAddress >> 16) & 255}.${(fuzzAddress >> 8) & 255}.${fuzzAddress++ & 255}`,
                ...(request.payload === undefined ? {} : { payload: request.payload }),
              });
            } catch (error) {
              problems.set(`inject threw ${String(error)}`, { count: 1, example: request.url });
              return;
            }
            statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
            const after = { version: snapshots.writeVersion(), jobs: h.queue.jobs.length };
            const contentType = String(reply.headers['content-type'] ?? '');
            const problem = problemOf(reply.statusCode, contentType, reply.body, before, after);
            if (problem === undefined) return;
            const seen = problems.get(problem);
            if (seen !== undefined) seen.count++;
            else {
              const body = (request.payload ?? '<none>').slice(0, 160);
              problems.set(problem, {
                count: 1,
                example: `${request.method} ${request.url.slice(0, 160)} body=${body}`,
              });
            }
          }),
          { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
        );
        if (process.env.FUZZ_REPORT !== undefined) {
          const counts = [...statuses].sort().map(([status, n]) => `${status}×${n}`);
          process.stderr.write(`${operationName(op)}: ${counts.join(' ')}\n`);
        }
        expect(Object.fromEntries(problems)).toEqual({});
        expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
      },
      ROUTE_TIMEOUT_MS,
    );
  }
});
