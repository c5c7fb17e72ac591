import { inspect } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres-test-support.js';
import type { MetadataStore } from '../port.js';
import { EmailTakenError } from '../store-errors.js';
import { describeStoreContract, intent, item, page, seedFixture } from '../store.contract.js';
import { createPostgresStore } from './postgres-store.js';

// One database for this file; every test starts from empty tables (the contract's sweep and
// due-rule checks see the whole database).
let testDb: TestDatabase | undefined;
let admin: pg.Pool | undefined;

async function database(): Promise<{ url: string; admin: pg.Pool }> {
  testDb ??= await createTestDatabase();
  admin ??= new pg.Pool({ connectionString: testDb.url, max: 2 });
  return { url: testDb.url, admin };
}

async function emptyTables(): Promise<void> {
  // Every table hangs off users by cascading foreign keys; a few-row DELETE takes under a
  // millisecond where TRUNCATE of ten tables takes ~180 ms (new files for each table and index).
  await admin?.query('delete from users');
}

afterAll(async () => {
  await contractStore?.close();
  await admin?.end();
  await testDb?.drop();
});

// One open store serves the whole contract (opening one costs ~35 ms of migration checks);
// opening, closing and concurrent copies are covered below.
let contractStore: MetadataStore | undefined;

describeStoreContract('postgres', async () => {
  const { url } = await database();
  contractStore ??= await createPostgresStore({ connectionString: url, poolSize: 5 });
  return { store: contractStore, cleanup: emptyTables };
});

/** Waits until `count` connections of this application are blocked on a row lock. */
async function lockWaiters(pool: pg.Pool, applicationName: string, count: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await pool.query<{ n: string }>(
      "select count(*) as n from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'",
      [applicationName],
    );
    if (Number(rows[0]?.n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`expected ${count} lock waiters of ${applicationName}`);
}

describe('postgres store specifics', () => {
  async function open(applicationName?: string): Promise<MetadataStore> {
    const { url } = await database();
    return createPostgresStore({
      connectionString: url,
      poolSize: 4,
      ...(applicationName === undefined ? {} : { applicationName }),
    });
  }

  it('fails fast with SW_NOT_READY naming host, port and database, never the password', async () => {
    const started = Date.now();
    const error: unknown = await createPostgresStore({
      connectionString: 'postgres://syncwell:s3cret-pw@127.0.0.1:1/syncwell_prod',
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({
      code: 'SW_NOT_READY',
      details: { host: '127.0.0.1', port: 1, database: 'syncwell_prod', reason: 'ECONNREFUSED' },
    });
    expect((error as Error).message).toContain('127.0.0.1:1/syncwell_prod');
    expect(inspect(error, { depth: 10 })).not.toContain('s3cret-pw');
    expect(JSON.stringify(error)).not.toContain('s3cret-pw');
  });

  it('test support names the server it could not reach', async () => {
    await expect(createTestDatabase('postgres://postgres:pw@127.0.0.1:1/postgres')).rejects.toThrow(
      /not reachable at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres \(set TEST_DATABASE_URL\)/,
    );
  });

  it('migrates idempotently, names its connections, and maps unique violations to typed errors', async () => {
    const first = await open('sw-open-test');
    const second = await open('sw-open-test');
    await first.ping();
    const { admin: pool } = await database();
    const { rows } = await pool.query<{ n: string }>(
      'select count(*) as n from pg_stat_activity where application_name = $1',
      ['sw-open-test'],
    );
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    const racing = await Promise.allSettled([
      first.createUser({ email: 'race@example.org', passwordHash: 'a' }),
      second.createUser({ email: 'race@example.org', passwordHash: 'b' }),
    ]);
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = racing.find((r) => r.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(EmailTakenError);
    await first.close();
    await second.close();
    await emptyTables();
  });

  it('shares due rules between two scheduler copies without handing one out twice', async () => {
    const a = await open();
    const b = await open();
    const f = await seedFixture(a);
    for (let i = 0; i < 39; i += 1) await a.createRule({ ...f.rule, nextRunAt: new Date(0) });
    const now = new Date('2031-01-01T00:00:00Z');
    const claims = await Promise.all([a, b, a, b].map((s) => s.claimDueRules(now, 15, 60_000)));
    const ids = claims.flat().map((r) => r.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    await a.close();
    await b.close();
    await emptyTables();
  });

  it('sends each hot-path step as one statement, whatever the number of rows', async () => {
    const { url } = await database();
    const statements = { count: 0 };
    const store = await createPostgresStore({ connectionString: url, poolSize: 2, statements });
    const f = await seedFixture(store);
    const counted = async (step: () => Promise<unknown>) => {
      statements.count = 0;
      await step();
      return statements.count;
    };
    let runId = '';
    expect(
      await counted(async () => {
        const opening = await store.openRunChecked({
          ruleId: f.rule.id,
          userId: f.userId,
          trigger: 'manual',
        });
        runId = opening.kind === 'opened' ? opening.run.id : '';
      }),
    ).toBe(1);
    expect(await counted(() => store.claimRun(runId))).toBe(1);
    const keys = Array.from({ length: 700 }, (_, i) => `k${i}`);
    const find = store.findLedgerRecordingIntents?.bind(store);
    expect(
      await counted(
        () =>
          find?.(
            f.destination.id,
            keys.map((k) => intent(f, k)),
          ) ?? Promise.reject(new Error('findLedgerRecordingIntents missing')),
      ),
    ).toBe(1);
    expect(await counted(() => store.recordIntents(keys.map((k) => intent(f, `more-${k}`))))).toBe(1);
    const commit = page(f, runId, {
      cursor: 'c',
      fencingToken: 1,
      finish: true,
      done: keys.map((k) => ({
        identityKey: k,
        destinationConnectionId: f.destination.id,
        destinationId: `d-${k}`,
      })),
      items: keys.map((k) => item(k)),
    });
    expect(await counted(() => store.commitPage(commit))).toBe(1);
    expect(await store.getRun(runId)).toMatchObject({
      status: 'succeeded',
      counts: { read: 700, written: 700 },
    });
    expect((await store.listRunItems(runId)).map((i) => i.seq)).toEqual(keys.map((_, i) => i));
    await store.close();
    await emptyTables();
  });

  it('commits only the newer holder when fencing tokens 5 and 4 commit at the same moment', async () => {
    const applicationName = 'sw-fence-test';
    const store = await open(applicationName);
    const { url, admin: pool } = await database();
    const f = await seedFixture(store);
    const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
    await store.recordIntents([intent(f, 'k4'), intent(f, 'k5')]);
    expect(await store.commitPage(page(f, run.id, { fencingToken: 1 }))).toBe(true);

    // Hold the fence row so both commits are inside their transactions at once: 5 queues first.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('select token from rule_fences where rule_id = $1 for update', [f.rule.id]);
    const commit = (token: number) =>
      store.commitPage(
        page(f, run.id, {
          fencingToken: token,
          cursor: `c${token}`,
          done: [
            {
              identityKey: `k${token}`,
              destinationConnectionId: f.destination.id,
              destinationId: `d${token}`,
            },
          ],
          items: [item(`e${token}`)],
        }),
      );
    const five = commit(5);
    await lockWaiters(pool, applicationName, 1);
    const four = commit(4);
    await lockWaiters(pool, applicationName, 2);
    await locker.query('commit');
    await locker.end();

    expect(await Promise.all([five, four])).toEqual([true, false]);
    expect(await store.getCursor(f.rule.id, 'workout')).toBe('c5');
    expect((await store.listRunItems(run.id)).map((i) => i.externalId)).toEqual(['e5']);
    const ledger = await store.findLedger(f.destination.id, ['k4', 'k5']);
    expect(ledger.get('k5')).toMatchObject({ status: 'done', destinationId: 'd5' });
    expect(ledger.get('k4')).toMatchObject({ status: 'intent', destinationId: null });
    expect((await store.getRun(run.id))?.counts.read).toBe(1);
    await store.close();
    await emptyTables();
  });
});
