import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api-test-harness.js';
import { seedTenant, type TenantFixture } from '../sweep/tenant-fixture.js';
import type { UserDataPage } from '../../store/user-data-page.js';

const EXTRA_RUNS = 1_200;

let h: ApiHarness;
let alice: TenantFixture;
let bob: TenantFixture;
const pages: UserDataPage[] = [];

beforeAll(async () => {
  h = await createApiHarness();
  alice = await seedTenant(h, 'alice-export');
  bob = await seedTenant(h, 'bob-export');
  for (let i = 0; i < EXTRA_RUNS; i++) {
    const run = await h.store.createRun({
      ruleId: alice.ids.rule,
      userId: alice.user.userId,
      trigger: 'scheduled',
    });
    await h.store.finishRun(run.id, 'succeeded');
  }
  // Watch what the route reads: pages, not the whole history at once.
  const read = h.store.exportUserData.bind(h.store);
  h.store.exportUserData = async function* (userId, pageSize) {
    for await (const page of read(userId, pageSize)) {
      pages.push(page);
      yield page;
    }
  };
}, 120_000);
afterAll(async () => h.close());

interface ExportDocument {
  format: string;
  userId: string;
  withheldColumns: string[];
  tables: Record<string, Record<string, unknown>[]>;
}

describe('GET /v1/users/me/export', () => {
  it("streams every row of the caller's data, page by page, without credentials or anyone else's rows", async () => {
    const reply = await h.app.inject({ method: 'GET', url: '/v1/users/me/export', headers: alice.user.auth });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toContain('application/json');
    const doc = reply.json<ExportDocument>();
    expect(doc.format).toBe('syncwell-export/1');
    expect(doc.userId).toBe(alice.user.userId);

    const counts = await h.store.countUserData(alice.user.userId);
    const exported = Object.fromEntries(Object.entries(doc.tables).map(([t, rows]) => [t, rows.length]));
    expect(exported).toEqual(Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)));
    expect(doc.tables.runs!.length).toBeGreaterThan(EXTRA_RUNS);
    for (const kind of ['connections', 'rules', 'backfills', 'sync_conflicts', 'notifications'] as const) {
      expect(doc.tables[kind]?.length, kind).toBeGreaterThan(0);
    }
    expect(doc.tables.users).toEqual([
      expect.objectContaining({ id: alice.user.userId, email: alice.user.email }),
    ]);

    const rows = JSON.stringify(doc.tables);
    expect(doc.withheldColumns).toEqual(expect.arrayContaining(['password_hash', 'tokens_sealed']));
    for (const column of doc.withheldColumns) expect(rows).not.toContain(`"${column}"`);
    expect(reply.body).not.toContain('scrypt$');
    for (const secret of bob.secrets) expect(reply.body).not.toContain(secret);

    // Streamed: the runs came in several bounded pages, never the whole history in one read.
    const runPages = pages.filter((p) => p.table === 'runs');
    expect(runPages.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...pages.map((p) => p.rows.length))).toBeLessThanOrEqual(500);
  });

  it('is documented in the served OpenAPI document and needs a token', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(doc.paths).toHaveProperty(['/v1/users/me/export', 'get']);
    const anonymous = await h.app.inject({ method: 'GET', url: '/v1/users/me/export' });
    expect(anonymous.statusCode).toBe(401);
  });
});
